<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="id_ID">
<context>
    <name>Desktop</name>
    <message>
        <source>Fillbook cannot start: %1</source>
        <translation>Fillbook tidak dapat dijalankan: %1</translation>
    </message>
    <message>
        <source>No Binance account is configured yet (add its read-only API key in Sync → Settings, or set FILLBOOK_API_KEY and FILLBOOK_API_SECRET).

Open the demo journal with a simulated exchange instead?</source>
        <translation>Belum ada akun Binance yang diatur (tambahkan API key read-only-nya di Sinkron → Pengaturan, atau isi FILLBOOK_API_KEY dan FILLBOOK_API_SECRET).

Buka jurnal demo dengan bursa simulasi saja?</translation>
    </message>
</context>
<context>
    <name>Duration</name>
    <message>
        <source>%1 s</source>
        <comment>seconds</comment>
        <translation>%1 dtk</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <comment>minutes and seconds</comment>
        <translation>%1 mnt %2 dtk</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <comment>hours and minutes</comment>
        <translation>%1 jam %2 mnt</translation>
    </message>
    <message>
        <source>%1 min</source>
        <comment>minutes</comment>
        <translation>%1 mnt</translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <comment>days and hours</comment>
        <translation>%1 hari %2 jam</translation>
    </message>
</context>
<context>
    <name>EngineText</name>
    <message>
        <source>The exchange returned algo order %1 after %2 for an algoId walk from %3; the walk stopped.</source>
        <translation>Bursa mengirim algo order %1 setelah %2 untuk penelusuran algoId dari %3; penelusuran dihentikan.</translation>
    </message>
    <message>
        <source>No API key and secret are configured; %1 needs them.</source>
        <translation>Belum ada API key dan secret yang diatur; %1 membutuhkannya.</translation>
    </message>
    <message>
        <source>The exchange URL &quot;%1&quot; is not a valid URL.</source>
        <translation>URL bursa &quot;%1&quot; bukan URL yang valid.</translation>
    </message>
    <message>
        <source>Refusing plain http:// for %1: API keys and account data may only travel over https (http is accepted for this computer&apos;s own simulator on 127.0.0.1, ::1 or localhost).</source>
        <translation>http:// biasa ditolak untuk %1: API key dan data akun hanya boleh lewat https (http hanya diterima untuk simulator di komputer ini sendiri, di 127.0.0.1, ::1 atau localhost).</translation>
    </message>
    <message>
        <source>Unsupported URL scheme &quot;%1&quot; for the exchange (use https).</source>
        <translation>Skema URL &quot;%1&quot; tidak didukung untuk bursa (gunakan https).</translation>
    </message>
    <message>
        <source>Binance kept refusing %1 for exceeding its rate limit%2; requests are paused until %3.</source>
        <translation>Binance terus menolak %1 karena melewati rate limit%2; permintaan dijeda sampai %3.</translation>
    </message>
    <message>
        <source>Binance has banned this IP address for too many requests%1 until %2. The sync is paused until then.</source>
        <translation>Binance memblokir alamat IP ini karena terlalu banyak permintaan%1 sampai %2. Sinkronisasi dijeda sampai saat itu.</translation>
    </message>
    <message>
        <source>Binance rejected the request time even after re-synchronising the clock%1. Check that this computer&apos;s clock is set automatically.</source>
        <translation>Binance menolak waktu permintaan meskipun jam sudah disinkronkan ulang%1. Pastikan jam komputer ini diatur otomatis.</translation>
    </message>
    <message>
        <source>Binance refused the API key%1. Check the API key and secret, the key&apos;s IP whitelist, and that the key is allowed to read futures data.</source>
        <translation>Binance menolak API key%1. Periksa API key dan secret, whitelist IP key tersebut, dan izin key untuk membaca data futures.</translation>
    </message>
    <message>
        <source>Binance does not know the symbol %1%2; it is skipped.</source>
        <translation>Binance tidak mengenal simbol %1%2; simbol ini dilewati.</translation>
    </message>
    <message>
        <source>Binance cannot be reached (%1). Check the network connection; the sync can continue when it is back.</source>
        <translation>Binance tidak dapat dihubungi (%1). Periksa koneksi jaringan; sinkronisasi dapat dilanjutkan setelah koneksi kembali.</translation>
    </message>
    <message>
        <source>The secure connection for %1 failed (%2). Certificates are always verified.</source>
        <translation>Koneksi aman untuk %1 gagal (%2). Sertifikat selalu diverifikasi.</translation>
    </message>
    <message>
        <source>Fill %1 of %2: %3; it is stored as received and used in its trade at that time.</source>
        <translation>Fill %1 pada %2: %3; disimpan apa adanya dan dipakai dalam trade-nya pada waktu itu.</translation>
    </message>
    <message>
        <source>Its records could not be committed (%1); none of them was kept, and the next sync fetches them again.</source>
        <translation>Datanya tidak dapat di-commit (%1); tidak ada yang disimpan, dan sinkronisasi berikutnya mengambilnya lagi.</translation>
    </message>
    <message>
        <source>Another program keeps the journal locked; close it (or wait for it to finish) and sync again.</source>
        <translation>Program lain sedang mengunci jurnal; tutup program itu (atau tunggu sampai selesai) lalu sinkronkan lagi.</translation>
    </message>
    <message>
        <source>Another sync took over this journal.</source>
        <translation>Sinkronisasi lain mengambil alih jurnal ini.</translation>
    </message>
    <message>
        <source>Another sync is using this journal.</source>
        <translation>Sinkronisasi lain sedang memakai jurnal ini.</translation>
    </message>
    <message>
        <source>No API key and secret are configured for this account; add a read-only key first. Nothing was synced and no run was created.</source>
        <translation>Belum ada API key dan secret untuk akun ini; tambahkan key read-only dulu. Tidak ada yang disinkronkan dan tidak ada proses yang dibuat.</translation>
    </message>
    <message>
        <source>Run &apos;%1&apos; is %2; only interrupted or paused runs, or runs with failed symbols, can be resumed.</source>
        <translation>Proses &apos;%1&apos; berstatus %2; hanya proses yang terputus atau dijeda, atau yang punya simbol gagal, yang dapat dilanjutkan.</translation>
    </message>
    <message>
        <source>Run &apos;%1&apos; was started for account &apos;%2&apos; with other parameters; start a new sync instead (it fetches only what is missing).</source>
        <translation>Proses &apos;%1&apos; dimulai untuk akun &apos;%2&apos; dengan parameter lain; mulai sinkronisasi baru saja (hanya yang belum ada yang diambil).</translation>
    </message>
    <message>
        <source>Run &apos;%1&apos; was started against %2, not %3; resume it against %2, or start a new sync for %3.</source>
        <translation>Proses &apos;%1&apos; dimulai pada %2, bukan %3; lanjutkan pada %2, atau mulai sinkronisasi baru untuk %3.</translation>
    </message>
    <message>
        <source>The exchange&apos;s ban on this IP lasts until %1, so nothing was sent (a request now would lengthen the ban).</source>
        <translation>Blokir bursa atas IP ini berlaku sampai %1, jadi tidak ada yang dikirim (permintaan sekarang akan memperpanjang blokir).</translation>
    </message>
    <message>
        <source>The exchange&apos;s ban on this IP lasts until %1 by this computer&apos;s clock (the exchange&apos;s was not measured), so nothing was sent (a request now would lengthen the ban).</source>
        <translation>Blokir bursa atas IP ini berlaku sampai %1 menurut jam komputer ini (jam bursa belum diukur), jadi tidak ada yang dikirim (permintaan sekarang akan memperpanjang blokir).</translation>
    </message>
    <message>
        <source>Interrupted; everything committed is kept.</source>
        <translation>Terputus; semua yang sudah di-commit tetap tersimpan.</translation>
    </message>
    <message>
        <source>The exchange banned this IP until %1 for too many requests.</source>
        <translation>Bursa memblokir IP ini sampai %1 karena terlalu banyak permintaan.</translation>
    </message>
    <message>
        <source>The network is unreachable (%1). The run is paused.</source>
        <translation>Jaringan tidak dapat dijangkau (%1). Proses dijeda.</translation>
    </message>
    <message>
        <source>The journal could not be written: %1. The last transaction was rolled back and nothing committed was lost; fix the cause and sync again.</source>
        <translation>Jurnal tidak dapat ditulis: %1. Transaksi terakhir dibatalkan dan tidak ada data ter-commit yang hilang; perbaiki penyebabnya lalu sinkronkan lagi.</translation>
    </message>
    <message>
        <source>The sync stopped on an unexpected error (%1); the last transaction was rolled back and nothing committed was lost, so sync again, and report the error if it repeats.</source>
        <translation>Sinkronisasi berhenti karena galat tak terduga (%1); transaksi terakhir dibatalkan dan tidak ada data ter-commit yang hilang, jadi sinkronkan lagi, dan laporkan galat ini jika terulang.</translation>
    </message>
    <message>
        <source>The income ledger could not be fetched (%1). Everything committed is kept.</source>
        <translation>Buku besar income tidak dapat diambil (%1). Semua yang sudah di-commit tetap tersimpan.</translation>
    </message>
    <message>
        <source>Paused after %1 (time limit).</source>
        <translation>Dijeda setelah %1 (batas waktu).</translation>
    </message>
    <message>
        <source>Stopped at a batch boundary.</source>
        <translation>Berhenti di batas batch.</translation>
    </message>
    <message>
        <source>Paused after %1 batches (batch limit).</source>
        <translation>Dijeda setelah %1 batch (batas batch).</translation>
    </message>
    <message>
        <source>Part of the income ledger could not be fetched; it is fetched again by the next sync.</source>
        <translation>Sebagian buku besar income tidak dapat diambil; sinkronisasi berikutnya mengambilnya lagi.</translation>
    </message>
    <message>
        <source>Cannot re-attach the annotation of %1 to %2: %3</source>
        <translation>Catatan %1 tidak dapat dipasang ulang ke %2: %3</translation>
    </message>
    <message>
        <source>This journal uses schema %1 and must be upgraded to schema %2 before it can be read; open it once with Fillbook (or run &apos;fillbook-cli sync&apos;) to upgrade it.</source>
        <translation>Jurnal ini memakai skema %1 dan harus ditingkatkan ke skema %2 sebelum dapat dibaca; buka sekali dengan Fillbook (atau jalankan &apos;fillbook-cli sync&apos;) untuk meningkatkannya.</translation>
    </message>
    <message>
        <source>The journal at %1 is not readable.</source>
        <translation>Jurnal di %1 tidak dapat dibaca.</translation>
    </message>
    <message>
        <source>Could not create the folder %1 for the journal.</source>
        <translation>Folder %1 untuk jurnal tidak dapat dibuat.</translation>
    </message>
    <message>
        <source>Could not create the journal file %1.</source>
        <translation>Berkas jurnal %1 tidak dapat dibuat.</translation>
    </message>
    <message>
        <source>The desk server at %1 refused user &apos;%2&apos; with this password.</source>
        <translation>Server desk di %1 menolak pengguna &apos;%2&apos; dengan kata sandi ini.</translation>
    </message>
    <message>
        <source>The desk server at %1:%2 has no database &apos;%3&apos;.</source>
        <translation>Server desk di %1:%2 tidak punya basis data &apos;%3&apos;.</translation>
    </message>
    <message>
        <source>The desk server at %1 cannot be reached (%2).</source>
        <translation>Server desk di %1 tidak dapat dihubungi (%2).</translation>
    </message>
    <message>
        <source>Qt&apos;s PostgreSQL driver is not installed (Debian: libqt6sql6-psql), so this Fillbook cannot share.</source>
        <translation>Driver PostgreSQL Qt belum terpasang (Debian: libqt6sql6-psql), jadi Fillbook ini tidak dapat berbagi.</translation>
    </message>
    <message>
        <source>The desk server&apos;s schema is version %1, newer than this Fillbook knows (%2); update Fillbook to share with it.</source>
        <translation>Skema server desk versi %1, lebih baru dari yang dikenal Fillbook ini (%2); perbarui Fillbook untuk berbagi dengannya.</translation>
    </message>
    <message>
        <source>The desk server %1 has no Fillbook schema yet; run &apos;fillbook-cli desk init&apos; first.</source>
        <translation>Server desk %1 belum punya skema Fillbook; jalankan &apos;fillbook-cli desk init&apos; dulu.</translation>
    </message>
    <message>
        <source>The desk server %1 is at schema %2; run &apos;fillbook-cli desk init&apos; to migrate it to %3.</source>
        <translation>Server desk %1 ada di skema %2; jalankan &apos;fillbook-cli desk init&apos; untuk memigrasikannya ke %3.</translation>
    </message>
    <message>
        <source>The journal is damaged: %1 (%2). Restore it from a backup, or move it aside and re-sync: the raw exchange layer can be fetched again (notes and tags live only in the journal and its backups).</source>
        <translation>Jurnal rusak: %1 (%2). Pulihkan dari cadangan, atau pindahkan dan sinkronkan ulang: data mentah bursa dapat diambil lagi (catatan dan tag hanya ada di jurnal dan cadangannya).</translation>
    </message>
    <message>
        <source>The %1 of %2 was changed on this device and on device %3 (server change %4) without either seeing the other; both versions are kept until you keep one or merge them.</source>
        <translation>%1 dari %2 diubah di perangkat ini dan di perangkat %3 (perubahan server %4) tanpa saling melihat; kedua versi disimpan sampai Anda memilih salah satu atau menggabungkannya.</translation>
    </message>
    <message>
        <source>The exchange sent %1 %2 again with different content; its new version (%3) is kept and version %4 is in the history.</source>
        <translation>Bursa mengirim %1 %2 lagi dengan isi berbeda; versi barunya (%3) disimpan dan versi %4 ada di riwayat.</translation>
    </message>
    <message>
        <source>The process running this sync stopped without finishing (crash, kill or power loss).</source>
        <translation>Program yang menjalankan sinkronisasi ini berhenti sebelum selesai (crash, kill, atau listrik padam).</translation>
    </message>
    <message>
        <source>Not resumed within %1; its data is kept and the next sync fetches only what is missing.</source>
        <translation>Tidak dilanjutkan dalam %1; datanya tetap tersimpan dan sinkronisasi berikutnya hanya mengambil yang belum ada.</translation>
    </message>
    <message>
        <source>Discarded by the user; the data it synced is kept.</source>
        <translation>Dibuang oleh pengguna; data yang sudah disinkronkan tetap tersimpan.</translation>
    </message>
    <message>
        <source>This journal was written by a newer version of Fillbook (schema %1; this build knows up to %2). Update Fillbook to open it.</source>
        <translation>Jurnal ini ditulis oleh versi Fillbook yang lebih baru (skema %1; versi ini hanya mengenal sampai %2). Perbarui Fillbook untuk membukanya.</translation>
    </message>
    <message>
        <source>The journal at %1 has no valid schema version (meta.schema_version = &apos;%2&apos;).</source>
        <translation>Jurnal di %1 tidak punya versi skema yang valid (meta.schema_version = &apos;%2&apos;).</translation>
    </message>
    <message>
        <source>Could not copy the journal to %1 before upgrading its schema (%2); the journal was left as it was.</source>
        <translation>Jurnal tidak dapat disalin ke %1 sebelum skemanya ditingkatkan (%2); jurnal dibiarkan seperti semula.</translation>
    </message>
    <message>
        <source>Another sync is already running on this journal: %1.</source>
        <translation>Sinkronisasi lain sudah berjalan pada jurnal ini: %1.</translation>
    </message>
    <message>
        <source>Another sync took over this journal (%1).</source>
        <translation>Sinkronisasi lain mengambil alih jurnal ini (%1).</translation>
    </message>
    <message>
        <source>The journal holds an initial risk of trade %1 that it did not write; rebuild the trades (they are derived from the raw records).</source>
        <translation>Jurnal berisi risiko awal trade %1 yang tidak ditulisnya sendiri; bangun ulang trade (trade diturunkan dari data mentah).</translation>
    </message>
    <message>
        <source>The journal holds a fee valuation of trade %1 that it did not write; rebuild the trades (they are derived from the raw records).</source>
        <translation>Jurnal berisi penilaian biaya trade %1 yang tidak ditulisnya sendiri; bangun ulang trade (trade diturunkan dari data mentah).</translation>
    </message>
    <message>
        <source>The journal holds fill parts of trade %1 that it did not write; rebuild the trades (they are derived from the raw records).</source>
        <translation>Jurnal berisi bagian fill trade %1 yang tidak ditulisnya sendiri; bangun ulang trade (trade diturunkan dari data mentah).</translation>
    </message>
    <message>
        <source>Trade %1 no longer exists after its lifecycle was rebuilt (for example an older fill arrived); its annotation is kept and can be re-attached to another trade.</source>
        <translation>Trade %1 tidak ada lagi setelah siklus hidupnya dibangun ulang (misalnya ada fill lama yang baru tiba); catatannya tetap disimpan dan dapat dipasang ulang ke trade lain.</translation>
    </message>
    <message>
        <source>The exchange sent %1 %2 in a form the journal cannot read (%3); it is kept as received and left out of trades.</source>
        <translation>Bursa mengirim %1 %2 dalam bentuk yang tidak dapat dibaca jurnal (%3); disimpan apa adanya dan tidak dipakai dalam trade.</translation>
    </message>
    <message>
        <source>A %1 of %2 could not be read (%3); it is kept as received and listed under Conflicts, and %2 is fetched again by the next sync.</source>
        <translation>Satu %1 dari %2 tidak dapat dibaca (%3); disimpan apa adanya dan dicantumkan di Konflik, dan %2 diambil lagi oleh sinkronisasi berikutnya.</translation>
    </message>
    <message>
        <source>%1; its records are kept as received, and %2 stays failed until the exchange corrects them.</source>
        <translation>%1; datanya disimpan apa adanya, dan %2 tetap gagal sampai bursa memperbaikinya.</translation>
    </message>
    <message>
        <source>%1; the record is kept as received and listed under Conflicts, and %2 stays failed until the exchange corrects it.</source>
        <translation>%1; data ini disimpan apa adanya dan dicantumkan di Konflik, dan %2 tetap gagal sampai bursa memperbaikinya.</translation>
    </message>
    <message>
        <source>%1 failed after %2 attempt(s): %3%4.</source>
        <translation>%1 gagal setelah %2 percobaan: %3%4.</translation>
    </message>
    <message>
        <source>%1 The run is paused.</source>
        <translation>%1 Proses dijeda.</translation>
    </message>
    <message>
        <source>%1 This sync stopped before its next commit: what it committed before is kept, nothing after the takeover was written.</source>
        <translation>%1 Sinkronisasi ini berhenti sebelum commit berikutnya: yang sudah di-commit tetap tersimpan, tidak ada yang ditulis setelah pengambilalihan.</translation>
    </message>
    <message>
        <source>%1 %2 income row(s) could not be read; they are kept as received and listed under Conflicts.</source>
        <translation>%1 %2 baris income tidak dapat dibaca; disimpan apa adanya dan dicantumkan di Konflik.</translation>
    </message>
    <message>
        <source>%1 of %2 symbols failed: %3.</source>
        <translation>%1 dari %2 simbol gagal: %3.</translation>
    </message>
    <message>
        <source>%1 of %2 symbols failed: %3, and %4 more.</source>
        <translation>%1 dari %2 simbol gagal: %3, dan %4 lainnya.</translation>
    </message>
    <message>
        <source>Sync completed.</source>
        <translation>Sinkronisasi selesai.</translation>
    </message>
    <message>
        <source>Reconciliation found %1 difference(s); see &apos;fillbook-cli reconcile %2&apos;.</source>
        <translation>Rekonsiliasi menemukan %1 selisih; lihat &apos;fillbook-cli reconcile %2&apos;.</translation>
    </message>
    <message>
        <source>no complete answer within %1 ms</source>
        <translation>tidak ada jawaban lengkap dalam %1 md</translation>
    </message>
    <message>
        <source>connection closed by the server</source>
        <translation>koneksi ditutup oleh server</translation>
    </message>
    <message>
        <source>TLS certificate or handshake failure</source>
        <translation>sertifikat TLS atau handshake gagal</translation>
    </message>
    <message>
        <source>The desk URL must look like postgresql://USER@HOST:PORT/DATABASE.</source>
        <translation>URL desk harus berbentuk postgresql://USER@HOST:PORT/DATABASE.</translation>
    </message>
    <message>
        <source>The desk URL needs a user, a host and a database: postgresql://USER@HOST:PORT/DATABASE.</source>
        <translation>URL desk memerlukan pengguna, host, dan basis data: postgresql://USER@HOST:PORT/DATABASE.</translation>
    </message>
    <message>
        <source>The desk URL has an unknown setting &apos;%1&apos; (known: sslmode, sslrootcert).</source>
        <translation>URL desk memuat pengaturan tak dikenal &apos;%1&apos; (yang dikenal: sslmode, sslrootcert).</translation>
    </message>
    <message>
        <source>The desk URL&apos;s sslmode &apos;%1&apos; is not one of %2.</source>
        <translation>sslmode &apos;%1&apos; pada URL desk bukan salah satu dari %2.</translation>
    </message>
    <message>
        <source>A desk server on another computer (%1) needs sslmode=verify-full: plain or unverified connections are allowed to this computer only.</source>
        <translation>Server desk di komputer lain (%1) memerlukan sslmode=verify-full: koneksi biasa atau tanpa verifikasi hanya diizinkan ke komputer ini.</translation>
    </message>
    <message>
        <source>The desk refused this change: role &apos;%1&apos; may only read this desk.</source>
        <translation>Desk menolak perubahan ini: peran &apos;%1&apos; hanya boleh membaca desk ini.</translation>
    </message>
    <message>
        <source>The desk refused this change: account %1 belongs to another trader.</source>
        <translation>Desk menolak perubahan ini: akun %1 milik trader lain.</translation>
    </message>
    <message>
        <source>The desk server at %1 gives role &apos;%2&apos; no access to the desk; ask its admin to run &apos;fillbook-cli desk grant-trader %2&apos; or &apos;desk grant-reader %2&apos;.</source>
        <translation>Server desk di %1 tidak memberi peran &apos;%2&apos; akses ke desk; minta admin-nya menjalankan &apos;fillbook-cli desk grant-trader %2&apos; atau &apos;desk grant-reader %2&apos;.</translation>
    </message>
</context>
<context>
    <name>FeeValuationText</name>
    <message>
        <source>includes %1 %2 valued at %3 %4/%2, 1-minute close of %5 at %6 (%7 %4)</source>
        <translation>termasuk %1 %2 dinilai %3 %4/%2, harga close 1 menit %5 pada %6 (%7 %4)</translation>
    </message>
    <message>
        <source>%1 %2 not valued: no %3 price</source>
        <translation>%1 %2 belum dinilai: tidak ada harga %3</translation>
    </message>
    <message>
        <source>… and %1 more</source>
        <translation>… dan %1 lainnya</translation>
    </message>
    <message>
        <source>Net PnL %1 %2</source>
        <translation>PnL bersih %1 %2</translation>
    </message>
    <message>
        <source>%1 fees paid in another asset are not valued yet: the next sync values them</source>
        <translation>%1 biaya yang dibayar dalam aset lain belum dinilai: sinkronisasi berikutnya menilainya</translation>
    </message>
</context>
<context>
    <name>FilterCaption</name>
    <message>
        <source>winners</source>
        <translation>profit</translation>
    </message>
    <message>
        <source>losers</source>
        <translation>loss</translation>
    </message>
    <message>
        <source>opened %1 – %2</source>
        <translation>dibuka %1 – %2</translation>
    </message>
    <message>
        <source>opened from %1</source>
        <translation>dibuka sejak %1</translation>
    </message>
    <message>
        <source>opened until %1</source>
        <translation>dibuka sampai %1</translation>
    </message>
    <message>
        <source>closed %1</source>
        <translation>ditutup %1</translation>
    </message>
    <message>
        <source>tag “%1”</source>
        <translation>tag “%1”</translation>
    </message>
    <message>
        <source>any of the tags “%1”</source>
        <translation>salah satu tag “%1”</translation>
    </message>
    <message>
        <source>notes contain “%1”</source>
        <translation>catatan berisi “%1”</translation>
    </message>
    <message>
        <source>All trades</source>
        <translation>Semua trade</translation>
    </message>
    <message>
        <source>Filtered: %1</source>
        <translation>Difilter: %1</translation>
    </message>
    <message>
        <source>account %1</source>
        <translation>akun %1</translation>
    </message>
    <message numerus="yes">
        <source>%n symbols</source>
        <translation>
            <numerusform>%n simbol</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HelpMenu</name>
    <message>
        <source>Fillbook user guide</source>
        <translation>Panduan pengguna Fillbook</translation>
    </message>
    <message>
        <source>The user guide is missing from this build.</source>
        <translation>Panduan pengguna tidak ada dalam build ini.</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Fillbook %1&lt;/h3&gt;&lt;p&gt;A trading journal for Binance USDⓈ-M Futures. It only reads your account.&lt;/p&gt;&lt;p&gt;Qt %2 (built with Qt %3)&lt;br&gt;SQLite %4&lt;/p&gt;&lt;p&gt;Licence: MIT. Fillbook comes with no warranty; it is not affiliated with Binance.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Fillbook %1&lt;/h3&gt;&lt;p&gt;Jurnal trading untuk Binance USDⓈ-M Futures. Fillbook hanya membaca akun Anda.&lt;/p&gt;&lt;p&gt;Qt %2 (dibangun dengan Qt %3)&lt;br&gt;SQLite %4&lt;/p&gt;&lt;p&gt;Lisensi: MIT. Fillbook tanpa garansi apa pun dan tidak berafiliasi dengan Binance.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>(development build)</source>
        <translation>(build pengembangan)</translation>
    </message>
    <message>
        <source>(unknown)</source>
        <translation>(tidak diketahui)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Bantuan</translation>
    </message>
    <message>
        <source>&amp;User guide</source>
        <translation>&amp;Panduan pengguna</translation>
    </message>
    <message>
        <source>&amp;About Fillbook</source>
        <translation>&amp;Tentang Fillbook</translation>
    </message>
    <message>
        <source>About Fillbook</source>
        <translation>Tentang Fillbook</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Tentang &amp;Qt</translation>
    </message>
</context>
<context>
    <name>QAbstractSpinBox</name>
    <message>
        <source>&amp;Select All</source>
        <translation>&amp;Pilih semua</translation>
    </message>
    <message>
        <source>&amp;Step up</source>
        <translation>&amp;Naikkan</translation>
    </message>
    <message>
        <source>Step &amp;down</source>
        <translation>&amp;Turunkan</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>Look in:</source>
        <translation>Lihat di:</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Kembali</translation>
    </message>
    <message>
        <source>Go back</source>
        <translation>Kembali ke folder sebelumnya</translation>
    </message>
    <message>
        <source>Forward</source>
        <translation>Maju</translation>
    </message>
    <message>
        <source>Go forward</source>
        <translation>Maju ke folder berikutnya</translation>
    </message>
    <message>
        <source>Parent Directory</source>
        <translation>Folder Induk</translation>
    </message>
    <message>
        <source>Go to the parent directory</source>
        <translation>Ke folder induk</translation>
    </message>
    <message>
        <source>Create New Folder</source>
        <translation>Buat Folder Baru</translation>
    </message>
    <message>
        <source>Create a New Folder</source>
        <translation>Buat folder baru</translation>
    </message>
    <message>
        <source>List View</source>
        <translation>Tampilan Daftar</translation>
    </message>
    <message>
        <source>Change to list view mode</source>
        <translation>Ganti ke tampilan daftar</translation>
    </message>
    <message>
        <source>Detail View</source>
        <translation>Tampilan Detail</translation>
    </message>
    <message>
        <source>Change to detail view mode</source>
        <translation>Ganti ke tampilan detail</translation>
    </message>
    <message>
        <source>Sidebar</source>
        <translation>Bilah samping</translation>
    </message>
    <message>
        <source>List of places and bookmarks</source>
        <translation>Daftar tempat dan penanda</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>Berkas</translation>
    </message>
    <message>
        <source>Files of type:</source>
        <translation>Jenis berkas:</translation>
    </message>
    <message>
        <source>File &amp;name:</source>
        <translation>&amp;Nama berkas:</translation>
    </message>
    <message>
        <source>Directory:</source>
        <translation>Folder:</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>&amp;Buka</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Simpan</translation>
    </message>
    <message>
        <source>&amp;Choose</source>
        <translation>&amp;Pilih</translation>
    </message>
    <message>
        <source>&amp;Rename</source>
        <translation>&amp;Ganti nama</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Hapus</translation>
    </message>
    <message>
        <source>Show &amp;hidden files</source>
        <translation>Tampilkan berkas &amp;tersembunyi</translation>
    </message>
    <message>
        <source>&amp;New Folder</source>
        <translation>Folder &amp;Baru</translation>
    </message>
    <message>
        <source>New Folder</source>
        <translation>Folder Baru</translation>
    </message>
    <message>
        <source>Save As</source>
        <translation>Simpan Sebagai</translation>
    </message>
    <message>
        <source>Recent Places</source>
        <translation>Tempat Terakhir</translation>
    </message>
    <message>
        <source>%1 already exists.
Do you want to replace it?</source>
        <translation>%1 sudah ada.
Ganti berkas itu?</translation>
    </message>
</context>
<context>
    <name>QFileSystemModel</name>
    <message>
        <source>Name</source>
        <translation>Nama</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Ukuran</translation>
    </message>
    <message>
        <source>Date Modified</source>
        <translation>Tanggal Diubah</translation>
    </message>
    <message>
        <source>Computer</source>
        <translation>Komputer</translation>
    </message>
    <message>
        <source>Type</source>
        <comment>All other platforms</comment>
        <translation>Jenis</translation>
    </message>
</context>
<context>
    <name>QGnomeTheme</name>
    <message>
        <source>&amp;OK</source>
        <translation>&amp;OK</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Simpan</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>&amp;Batal</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Tutup</translation>
    </message>
    <message>
        <source>Close without Saving</source>
        <translation>Tutup tanpa menyimpan</translation>
    </message>
</context>
<context>
    <name>QLineEdit</name>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Urungkan</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Ulangi</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>&amp;Potong</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Salin</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>T&amp;empel</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Hapus</translation>
    </message>
    <message>
        <source>Select All</source>
        <translation>Pilih semua</translation>
    </message>
</context>
<context>
    <name>QPlatformTheme</name>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Simpan</translation>
    </message>
    <message>
        <source>Save All</source>
        <translation>Simpan semua</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Buka</translation>
    </message>
    <message>
        <source>&amp;Yes</source>
        <translation>&amp;Ya</translation>
    </message>
    <message>
        <source>Yes to &amp;All</source>
        <translation>Ya untuk &amp;semua</translation>
    </message>
    <message>
        <source>&amp;No</source>
        <translation>&amp;Tidak</translation>
    </message>
    <message>
        <source>N&amp;o to All</source>
        <translation>T&amp;idak untuk semua</translation>
    </message>
    <message>
        <source>Abort</source>
        <translation>Batalkan</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Coba lagi</translation>
    </message>
    <message>
        <source>Ignore</source>
        <translation>Abaikan</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Tutup</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Buang</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>Bantuan</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Terapkan</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>Atur ulang</translation>
    </message>
    <message>
        <source>Restore Defaults</source>
        <translation>Kembalikan bawaan</translation>
    </message>
</context>
<context>
    <name>QWidgetTextControl</name>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Urungkan</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Ulangi</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>&amp;Potong</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Salin</translation>
    </message>
    <message>
        <source>Copy &amp;Link Location</source>
        <translation>Salin &amp;alamat tautan</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>T&amp;empel</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Hapus</translation>
    </message>
    <message>
        <source>Select All</source>
        <translation>Pilih semua</translation>
    </message>
</context>
<context>
    <name>RunMessages</name>
    <message>
        <source>%1 records saved, %2 trades inserted</source>
        <translation>%1 data tersimpan, %2 trade ditambahkan</translation>
    </message>
    <message>
        <source>%1 of %2 symbols done, %3</source>
        <translation>%1 dari %2 simbol selesai, %3</translation>
    </message>
    <message>
        <source>stopped before its symbols were planned, %1</source>
        <translation>berhenti sebelum simbolnya direncanakan, %1</translation>
    </message>
    <message>
        <source> (%1 %)</source>
        <translation> (%1 %)</translation>
    </message>
    <message>
        <source>It was interrupted: Fillbook stopped before it finished.</source>
        <translation>Sinkronisasi terputus: Fillbook berhenti sebelum selesai.</translation>
    </message>
    <message>
        <source>It was paused.</source>
        <translation>Sinkronisasi dijeda.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Incomplete sync found&lt;/b&gt; — started %1: %2. %3 Click &lt;b&gt;Resume&lt;/b&gt; to continue where it stopped, or &lt;b&gt;Discard&lt;/b&gt; to leave it (what it saved stays).</source>
        <translation>&lt;b&gt;Ada sinkronisasi yang belum selesai&lt;/b&gt; — dimulai %1: %2. %3 Klik &lt;b&gt;Lanjutkan&lt;/b&gt; untuk meneruskan dari titik berhenti, atau &lt;b&gt;Buang&lt;/b&gt; untuk meninggalkannya (data yang sudah tersimpan tetap ada).</translation>
    </message>
    <message>
        <source>%1 trades inserted, %2 updated</source>
        <translation>%1 trade ditambahkan, %2 diperbarui</translation>
    </message>
    <message>
        <source>%1 records saved</source>
        <translation>%1 data tersimpan</translation>
    </message>
    <message>
        <source>Sync completed: %1; %2.</source>
        <translation>Sinkronisasi selesai: %1; %2.</translation>
    </message>
    <message>
        <source>Sync finished, but %1 of %2 symbols failed (%3): %4. Click Retry failed symbols in the Runs tab to fetch them again.</source>
        <translation>Sinkronisasi selesai, tetapi %1 dari %2 simbol gagal (%3): %4. Klik Ulangi simbol gagal di tab Riwayat Sinkron untuk mengambilnya lagi.</translation>
    </message>
    <message>
        <source>Sync paused: %1</source>
        <translation>Sinkronisasi dijeda: %1</translation>
    </message>
    <message>
        <source>Sync failed: %1</source>
        <translation>Sinkronisasi gagal: %1</translation>
    </message>
    <message>
        <source>1 difference</source>
        <translation>1 selisih</translation>
    </message>
    <message>
        <source>%1 differences</source>
        <translation>%1 selisih</translation>
    </message>
    <message>
        <source>Reconciliation found %1 between the exchange&apos;s totals and the journal&apos;s: see the run in the Runs tab.</source>
        <translation>Rekonsiliasi menemukan %1 antara total bursa dan total jurnal: lihat prosesnya di tab Riwayat Sinkron.</translation>
    </message>
    <message>
        <source>Waiting %1 for Binance&apos;s rate limit (it asked us to slow down).</source>
        <translation>Menunggu %1 karena rate limit Binance (Binance meminta kita memperlambat).</translation>
    </message>
    <message>
        <source>Waiting %1 for Binance&apos;s rate limit: this minute&apos;s request allowance is used up, the next one starts then.</source>
        <translation>Menunggu %1 karena rate limit Binance: jatah request menit ini sudah habis, jatah berikutnya dimulai saat itu.</translation>
    </message>
    <message>
        <source>Retrying in %1: %2 (%3, attempt %4).</source>
        <translation>Mencoba lagi dalam %1: %2 (%3, percobaan ke-%4).</translation>
    </message>
    <message>
        <source>Waiting for Binance to answer %1 (%2 so far).</source>
        <translation>Menunggu jawaban Binance untuk %1 (sudah %2).</translation>
    </message>
    <message>
        <source>running</source>
        <comment>run status</comment>
        <translation>berjalan</translation>
    </message>
    <message>
        <source>completed</source>
        <comment>run status</comment>
        <translation>selesai</translation>
    </message>
    <message>
        <source>completed_with_errors</source>
        <comment>run status: finished, some symbols failed</comment>
        <translation>selesai dengan galat</translation>
    </message>
    <message>
        <source>interrupted</source>
        <comment>run status</comment>
        <translation>terputus</translation>
    </message>
    <message>
        <source>paused</source>
        <comment>run status</comment>
        <translation>dijeda</translation>
    </message>
    <message>
        <source>failed</source>
        <comment>run status</comment>
        <translation>gagal</translation>
    </message>
    <message>
        <source>discarded</source>
        <comment>run status</comment>
        <translation>dibuang</translation>
    </message>
    <message>
        <source>expired</source>
        <comment>run status</comment>
        <translation>kedaluwarsa</translation>
    </message>
    <message>
        <source>pending</source>
        <comment>symbol status</comment>
        <translation>menunggu</translation>
    </message>
    <message>
        <source>in_progress</source>
        <comment>symbol status</comment>
        <translation>berjalan</translation>
    </message>
    <message>
        <source>completed</source>
        <comment>symbol status</comment>
        <translation>selesai</translation>
    </message>
    <message>
        <source>failed</source>
        <comment>symbol status</comment>
        <translation>gagal</translation>
    </message>
    <message>
        <source>skipped</source>
        <comment>symbol status</comment>
        <translation>dilewati</translation>
    </message>
    <message>
        <source>1 trade inserted so far</source>
        <translation>1 trade ditambahkan sejauh ini</translation>
    </message>
    <message>
        <source>%1 trades inserted so far</source>
        <translation>%1 trade ditambahkan sejauh ini</translation>
    </message>
    <message>
        <source>Checking the exchange clock and limits…</source>
        <translation>Memeriksa jam dan batas bursa…</translation>
    </message>
    <message>
        <source>Fetching the income ledger…</source>
        <translation>Mengambil buku income…</translation>
    </message>
    <message>
        <source>Processing %1 (batch %2/%3) — %4</source>
        <translation>Memproses %1 (batch %2/%3) — %4</translation>
    </message>
    <message>
        <source>Reconciling and writing the report — %1</source>
        <translation>Merekonsiliasi dan menulis laporan — %1</translation>
    </message>
    <message>
        <source>Done — %1</source>
        <translation>Selesai — %1</translation>
    </message>
    <message>
        <source>Sync completed: the journal was already up to date (nothing new on the exchange since the last sync).</source>
        <translation>Sinkronisasi selesai: jurnal sudah mutakhir (tidak ada yang baru di bursa sejak sinkronisasi terakhir).</translation>
    </message>
</context>
<context>
    <name>Shortcuts</name>
    <message>
        <source>S&amp;top</source>
        <translation>&amp;Hentikan</translation>
    </message>
    <message>
        <source>Fetch what is new from the exchange</source>
        <translation>Ambil data baru dari bursa</translation>
    </message>
    <message>
        <source>Stop after the current batch; the sync can be resumed</source>
        <translation>Berhenti setelah batch ini; sinkronisasi bisa dilanjutkan</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Tampilan</translation>
    </message>
    <message>
        <source>&amp;Find trades</source>
        <translation>&amp;Cari trade</translation>
    </message>
    <message>
        <source>&amp;Next tab</source>
        <translation>Tab &amp;berikutnya</translation>
    </message>
    <message>
        <source>&amp;Previous tab</source>
        <translation>Tab &amp;sebelumnya</translation>
    </message>
</context>
<context>
    <name>TrayNotice</name>
    <message>
        <source>%1 trades inserted.</source>
        <translation>%1 trade ditambahkan.</translation>
    </message>
    <message>
        <source>Sync completed</source>
        <translation>Sinkronisasi selesai</translation>
    </message>
    <message>
        <source>Sync completed with errors</source>
        <translation>Sinkronisasi selesai dengan galat</translation>
    </message>
    <message>
        <source>Failed: %1.</source>
        <translation>Gagal: %1.</translation>
    </message>
    <message>
        <source>Sync paused</source>
        <translation>Sinkronisasi dijeda</translation>
    </message>
    <message>
        <source>Sync failed</source>
        <translation>Sinkronisasi gagal</translation>
    </message>
    <message>
        <source>Retry them with Retry failed symbols in the Runs tab.</source>
        <translation>Ulangi dengan Ulangi simbol gagal di tab Riwayat Sinkron.</translation>
    </message>
    <message>
        <source>The sync resumes by itself then.</source>
        <translation>Sinkronisasi akan berlanjut sendiri saat itu.</translation>
    </message>
    <message>
        <source>Click Resume to continue.</source>
        <translation>Klik Lanjutkan untuk meneruskan.</translation>
    </message>
</context>
<context>
    <name>fb::ui::AccountsPage</name>
    <message>
        <source>Add account</source>
        <translation>Tambah akun</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Hapus</translation>
    </message>
    <message>
        <source>The accounts this journal syncs. The one chosen here is the one Sync now syncs; the Sync menu syncs all of them in turn.</source>
        <translation>Akun yang disinkronkan jurnal ini. Akun yang dipilih di sini adalah yang disinkronkan oleh Sinkronkan sekarang; menu Sinkron menyinkronkan semuanya bergiliran.</translation>
    </message>
    <message>
        <source>Removing an account only takes it off this list: its trades stay in the journal, and its key stays where it is stored.</source>
        <translation>Menghapus akun hanya mengeluarkannya dari daftar ini: trade-nya tetap di jurnal, dan key-nya tetap di tempat penyimpanannya.</translation>
    </message>
</context>
<context>
    <name>fb::ui::AttachmentStrip</name>
    <message>
        <source>Attach image…</source>
        <translation>Lampirkan gambar…</translation>
    </message>
    <message>
        <source>Attach a screenshot (PNG, JPEG, WebP or GIF). You can also drop image files here or paste an image with Ctrl+V.</source>
        <translation>Lampirkan screenshot (PNG, JPEG, WebP, atau GIF). Anda juga bisa menjatuhkan berkas gambar di sini atau menempelkan gambar dengan Ctrl+V.</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Hapus</translation>
    </message>
    <message>
        <source>Screenshots: none yet</source>
        <translation>Screenshot: belum ada</translation>
    </message>
    <message>
        <source>Screenshots: %1</source>
        <translation>Screenshot: %1</translation>
    </message>
    <message>
        <source>%1 (the image is not on this computer)</source>
        <translation>%1 (gambarnya tidak ada di komputer ini)</translation>
    </message>
    <message>
        <source>%1, %2 × %3 — double-click to open</source>
        <translation>%1, %2 × %3 — klik dua kali untuk membuka</translation>
    </message>
    <message>
        <source>%1 is larger than %2 MB, the most an attachment may be.</source>
        <translation>%1 lebih besar dari %2 MB, batas ukuran lampiran.</translation>
    </message>
    <message>
        <source>%1 is not a PNG, JPEG, WebP or GIF image.</source>
        <translation>%1 bukan gambar PNG, JPEG, WebP, atau GIF.</translation>
    </message>
    <message>
        <source>Could not attach %1: %2</source>
        <translation>%1 tidak dapat dilampirkan: %2</translation>
    </message>
    <message>
        <source>Could not read %1.</source>
        <translation>%1 tidak dapat dibaca.</translation>
    </message>
    <message>
        <source>The clipboard holds no image to attach.</source>
        <translation>Clipboard tidak berisi gambar untuk dilampirkan.</translation>
    </message>
    <message>
        <source>This image is not on this computer yet; it arrives with the next pull.</source>
        <translation>Gambar ini belum ada di komputer ini; gambar akan tiba pada pull berikutnya.</translation>
    </message>
    <message>
        <source>%1 — %2 × %3</source>
        <translation>%1 — %2 × %3</translation>
    </message>
    <message>
        <source>Attach screenshots</source>
        <translation>Lampirkan screenshot</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.webp *.gif);;All files (*)</source>
        <translation>Gambar (*.png *.jpg *.jpeg *.webp *.gif);;Semua berkas (*)</translation>
    </message>
</context>
<context>
    <name>fb::ui::BanWait</name>
    <message>
        <source>Binance asked us to pause — resuming at %1 (in %2)</source>
        <translation>Binance meminta jeda — berlanjut pukul %1 (dalam %2)</translation>
    </message>
    <message>
        <source>Binance asked us to pause — you can resume at %1 (in %2)</source>
        <translation>Binance meminta jeda — Anda bisa melanjutkan pukul %1 (dalam %2)</translation>
    </message>
</context>
<context>
    <name>fb::ui::CalendarView</name>
    <message>
        <source>1 trade</source>
        <translation>1 trade</translation>
    </message>
    <message>
        <source>%1 trades</source>
        <translation>%1 trade</translation>
    </message>
    <message>
        <source>%1 · %2% won</source>
        <translation>%1 · %2% profit</translation>
    </message>
    <message>
        <source>Previous month</source>
        <translation>Bulan sebelumnya</translation>
    </message>
    <message>
        <source>Next month</source>
        <translation>Bulan berikutnya</translation>
    </message>
    <message>
        <source>The calendar counts the closed trades that match the Trades tab&apos;s filters, on the day they closed.</source>
        <translation>Kalender menghitung trade tertutup yang cocok dengan filter di tab Trade, pada hari trade itu ditutup.</translation>
    </message>
    <message>
        <source>Amounts in different margin assets are never added up.</source>
        <translation>Jumlah dalam aset margin yang berbeda tidak pernah dijumlahkan.</translation>
    </message>
    <message>
        <source>Margin asset:</source>
        <translation>Aset margin:</translation>
    </message>
    <message>
        <source>Monday</source>
        <translation>Senin</translation>
    </message>
    <message>
        <source>Tuesday</source>
        <translation>Selasa</translation>
    </message>
    <message>
        <source>Wednesday</source>
        <translation>Rabu</translation>
    </message>
    <message>
        <source>Thursday</source>
        <translation>Kamis</translation>
    </message>
    <message>
        <source>Friday</source>
        <translation>Jumat</translation>
    </message>
    <message>
        <source>Saturday</source>
        <translation>Sabtu</translation>
    </message>
    <message>
        <source>Sunday</source>
        <translation>Minggu</translation>
    </message>
    <message>
        <source>Week</source>
        <translation>Pekan</translation>
    </message>
    <message>
        <source>Show its trades</source>
        <translation>Tampilkan trade-nya</translation>
    </message>
    <message>
        <source>Filter the Trades tab to the trades closed on this day.</source>
        <translation>Filter tab Trade ke trade yang ditutup pada hari ini.</translation>
    </message>
    <message>
        <source>Daily journal: how the day went, the plan, what to change…</source>
        <translation>Jurnal harian: bagaimana hari ini, rencananya, apa yang perlu diubah…</translation>
    </message>
    <message>
        <source>Save note</source>
        <translation>Simpan catatan</translation>
    </message>
    <message>
        <source>%1 (%2 trades)</source>
        <translation>%1 (%2 trade)</translation>
    </message>
    <message>
        <source>
✎ note</source>
        <translation>
✎ catatan</translation>
    </message>
    <message>
        <source>Week
%1
%2</source>
        <translation>Pekan
%1
%2</translation>
    </message>
    <message>
        <source>Week
no trades</source>
        <translation>Pekan
tanpa trade</translation>
    </message>
    <message>
        <source>No trades closed in %1 (%2).</source>
        <translation>Tidak ada trade yang ditutup pada %1 (%2).</translation>
    </message>
    <message>
        <source>%1: net %2 · %3 · fees %4 · funding %5 (days in %6)</source>
        <translation>%1: bersih %2 · %3 · biaya %4 · funding %5 (hari menurut %6)</translation>
    </message>
    <message>
        <source>Click a day for its figures and its note.</source>
        <translation>Klik sebuah hari untuk melihat angka dan catatannya.</translation>
    </message>
    <message>
        <source>No trades closed this day.</source>
        <translation>Tidak ada trade yang ditutup hari ini.</translation>
    </message>
    <message>
        <source>Net %1 · %2
Fees %3 · funding %4</source>
        <translation>Bersih %1 · %2
Biaya %3 · funding %4</translation>
    </message>
</context>
<context>
    <name>fb::ui::ConflictsView</name>
    <message>
        <source>Buy</source>
        <translation>Beli</translation>
    </message>
    <message>
        <source>Sell</source>
        <translation>Jual</translation>
    </message>
    <message>
        <source>Long</source>
        <translation>Long</translation>
    </message>
    <message>
        <source>Short</source>
        <translation>Short</translation>
    </message>
    <message>
        <source>Record changed</source>
        <translation>Data berubah</translation>
    </message>
    <message>
        <source>Orphaned note</source>
        <translation>Catatan yatim</translation>
    </message>
    <message>
        <source>Unusable record</source>
        <translation>Data tak terpakai</translation>
    </message>
    <message>
        <source>Unreadable record</source>
        <translation>Data tak terbaca</translation>
    </message>
    <message>
        <source>Implausible time</source>
        <translation>Waktu tidak wajar</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Jenis</translation>
    </message>
    <message>
        <source>Symbol</source>
        <translation>Simbol</translation>
    </message>
    <message>
        <source>Side</source>
        <translation>Sisi</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Waktu</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Data</translation>
    </message>
    <message>
        <source>Was</source>
        <translation>Sebelumnya</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>Sekarang</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>Sejak</translation>
    </message>
    <message>
        <source>When the record happened on the exchange (the note&apos;s trade: its first fill), in the display time zone.</source>
        <translation>Kapan data itu terjadi di bursa (untuk catatan: fill pertama trade-nya), dalam zona waktu tampilan.</translation>
    </message>
    <message>
        <source>When the conflict was found.</source>
        <translation>Kapan konflik ditemukan.</translation>
    </message>
    <message>
        <source>Acknowledge change</source>
        <translation>Terima perubahan</translation>
    </message>
    <message>
        <source>The new version is already kept and the old one stays in the record history; this only clears the conflict.</source>
        <translation>Versi baru sudah disimpan dan versi lama tetap ada di riwayat data; ini hanya menghapus konfliknya.</translation>
    </message>
    <message>
        <source>Re-attach note to selected trade</source>
        <translation>Pasang catatan ke trade terpilih</translation>
    </message>
    <message>
        <source>Delete note…</source>
        <translation>Hapus catatan…</translation>
    </message>
    <message>
        <source>%1 open conflicts; the oldest %2 are listed.</source>
        <translation>%1 konflik terbuka; %2 yang terlama ditampilkan.</translation>
    </message>
    <message>
        <source>%1 open conflicts.</source>
        <translation>%1 konflik terbuka.</translation>
    </message>
    <message>
        <source>Select a conflict to resolve it.</source>
        <translation>Pilih sebuah konflik untuk menyelesaikannya.</translation>
    </message>
    <message>
        <source>Note: %1</source>
        <translation>Catatan: %1</translation>
    </message>
    <message>
        <source>Tags: %1</source>
        <translation>Tag: %1</translation>
    </message>
    <message>
        <source>%1%2  %3  net %4</source>
        <translation>%1%2  %3  bersih %4</translation>
    </message>
    <message>
        <source>This trade now holds the note&apos;s first fill.</source>
        <translation>Trade ini sekarang memuat fill pertama catatan itu.</translation>
    </message>
    <message>
        <source>Pick the trade this note belongs to (★: holds its first fill).</source>
        <translation>Pilih trade pemilik catatan ini (★: memuat fill pertamanya).</translation>
    </message>
    <message>
        <source>No trade of the same symbol and side is free to take this note.</source>
        <translation>Tidak ada trade dengan simbol dan sisi yang sama yang bisa menerima catatan ini.</translation>
    </message>
    <message>
        <source>Acknowledged %1.</source>
        <translation>%1 diterima.</translation>
    </message>
    <message>
        <source>The note now belongs to %1.</source>
        <translation>Catatan sekarang milik %1.</translation>
    </message>
    <message>
        <source>Delete this note?</source>
        <translation>Hapus catatan ini?</translation>
    </message>
    <message>
        <source>The note, tags and ratings written for %1 will be deleted. This cannot be undone.</source>
        <translation>Catatan, tag, dan nilai yang ditulis untuk %1 akan dihapus. Ini tidak bisa dibatalkan.</translation>
    </message>
    <message>
        <source>Deleted the note of %1.</source>
        <translation>Catatan %1 dihapus.</translation>
    </message>
    <message>
        <source>Note edited on two devices</source>
        <translation>Catatan diedit di dua perangkat</translation>
    </message>
    <message>
        <source>Daily note edited on two devices</source>
        <translation>Catatan harian diedit di dua perangkat</translation>
    </message>
    <message>
        <source>Mine (this device)</source>
        <translation>Milik saya (perangkat ini)</translation>
    </message>
    <message>
        <source>Keep mine</source>
        <translation>Pakai milik saya</translation>
    </message>
    <message>
        <source>Keep this device&apos;s version; every device takes it after the next push and pull.</source>
        <translation>Pakai versi perangkat ini; semua perangkat mengambilnya setelah push dan pull berikutnya.</translation>
    </message>
    <message>
        <source>Keep theirs</source>
        <translation>Pakai milik mereka</translation>
    </message>
    <message>
        <source>Take the other device&apos;s version; every device takes it after the next push and pull.</source>
        <translation>Ambil versi perangkat lain; semua perangkat mengambilnya setelah push dan pull berikutnya.</translation>
    </message>
    <message>
        <source>Merge…</source>
        <translation>Gabungkan…</translation>
    </message>
    <message>
        <source>Write one note from both versions, side by side.</source>
        <translation>Tulis satu catatan dari kedua versi, berdampingan.</translation>
    </message>
    <message>
        <source>No open conflicts. Exchange records that come back changed, notes whose trade was rebuilt under another key, and notes edited on two devices appear here.</source>
        <translation>Tidak ada konflik terbuka. Data bursa yang kembali berubah, catatan yang trade-nya dibangun ulang dengan kunci lain, dan catatan yang diedit di dua perangkat muncul di sini.</translation>
    </message>
    <message>
        <source>Theirs (device %1)</source>
        <translation>Milik mereka (perangkat %1)</translation>
    </message>
    <message>
        <source>Theirs</source>
        <translation>Milik mereka</translation>
    </message>
    <message>
        <source>The other version was not kept (this conflict is from before notes had versions); edit the note to settle it.</source>
        <translation>Versi lainnya tidak disimpan (konflik ini dari sebelum catatan punya versi); edit catatannya untuk menyelesaikannya.</translation>
    </message>
    <message>
        <source>kept your version</source>
        <translation>versi Anda dipakai</translation>
    </message>
    <message>
        <source>took the other device&apos;s version</source>
        <translation>versi perangkat lain diambil</translation>
    </message>
    <message>
        <source>saved the merge</source>
        <translation>gabungan disimpan</translation>
    </message>
    <message>
        <source>Resolved the note of %1: %2. It is shared with the next push.</source>
        <translation>Catatan %1 diselesaikan: %2. Dibagikan pada push berikutnya.</translation>
    </message>
</context>
<context>
    <name>fb::ui::DeskBrowseDialog</name>
    <message>
        <source>Browse desk account (read-only)</source>
        <translation>Jelajahi akun desk (hanya baca)</translation>
    </message>
    <message>
        <source>Desk server %1, role %2. Trades are read from the server and cannot be edited here.</source>
        <translation>Server desk %1, peran %2. Trade dibaca dari server dan tidak dapat diubah di sini.</translation>
    </message>
    <message>
        <source>&amp;Account:</source>
        <translation>&amp;Akun:</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>&amp;Buka</translation>
    </message>
    <message>
        <source>&amp;Refresh list</source>
        <translation>&amp;Muat ulang daftar</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>Dibuka</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Ditutup</translation>
    </message>
    <message>
        <source>Symbol</source>
        <translation>Simbol</translation>
    </message>
    <message>
        <source>Side</source>
        <translation>Sisi</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Max qty</source>
        <translation>Jml maks</translation>
    </message>
    <message>
        <source>Entry</source>
        <translation>Entry</translation>
    </message>
    <message>
        <source>Exit</source>
        <translation>Exit</translation>
    </message>
    <message>
        <source>Realized PnL</source>
        <translation>PnL realized</translation>
    </message>
    <message>
        <source>Fees</source>
        <translation>Biaya</translation>
    </message>
    <message>
        <source>Funding</source>
        <translation>Funding</translation>
    </message>
    <message>
        <source>Net PnL</source>
        <translation>PnL bersih</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Tag</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Catatan</translation>
    </message>
    <message>
        <source>Read-only, from the desk server: choose an account and press Open.</source>
        <translation>Hanya baca, dari server desk: pilih akun lalu tekan Buka.</translation>
    </message>
    <message numerus="yes">
        <source>Read-only, from the desk server, account %1 (%2): %n trade(s).</source>
        <translation>
            <numerusform>Hanya baca, dari server desk, akun %1 (%2): %n trade.</numerusform>
        </translation>
    </message>
    <message>
        <source>never pushed</source>
        <translation>belum pernah dikirim</translation>
    </message>
    <message>
        <source>owner %1</source>
        <translation>pemilik %1</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Tutup</translation>
    </message>
    <message>
        <source>No desk server is set for this journal; run &apos;fillbook-cli desk init --url postgresql://USER@HOST:PORT/DATABASE&apos; first.</source>
        <translation>Belum ada server desk untuk jurnal ini; jalankan &apos;fillbook-cli desk init --url postgresql://USER@HOST:PORT/DATABASE&apos; dulu.</translation>
    </message>
    <message>
        <source>Reading from the desk server…</source>
        <translation>Membaca dari server desk…</translation>
    </message>
    <message>
        <source>Role %1 may read no account on this desk yet.</source>
        <translation>Peran %1 belum boleh membaca akun mana pun di desk ini.</translation>
    </message>
    <message>
        <source>Short</source>
        <translation>Short</translation>
    </message>
    <message>
        <source>Long</source>
        <translation>Long</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Terbuka</translation>
    </message>
</context>
<context>
    <name>fb::ui::DeskBrowseWorker</name>
    <message>
        <source>Role &apos;%1&apos; may not read account %2 on this desk; its admin can allow it with &apos;fillbook-cli desk grant-read %1 --account %2&apos;.</source>
        <translation>Peran &apos;%1&apos; tidak boleh membaca akun %2 di desk ini; admin-nya dapat mengizinkannya dengan &apos;fillbook-cli desk grant-read %1 --account %2&apos;.</translation>
    </message>
</context>
<context>
    <name>fb::ui::MainWindow</name>
    <message>
        <source>Idle</source>
        <translation>Siaga</translation>
    </message>
    <message>
        <source>Incomplete sync: click Resume above</source>
        <translation>Sinkronisasi belum selesai: klik Lanjutkan di atas</translation>
    </message>
    <message>
        <source>Fillbook — demo journal</source>
        <translation>Fillbook — jurnal demo</translation>
    </message>
    <message>
        <source>Fillbook</source>
        <translation>Fillbook</translation>
    </message>
    <message>
        <source>Trades</source>
        <translation>Trade</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>Riwayat Sinkron</translation>
    </message>
    <message>
        <source>Statistics</source>
        <translation>Statistik</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>Konflik</translation>
    </message>
    <message>
        <source>Calendar</source>
        <translation>Kalender</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>Laporan</translation>
    </message>
    <message>
        <source>Stopping after the current batch… Resume continues from there.</source>
        <translation>Berhenti setelah batch ini… Lanjutkan akan meneruskan dari sana.</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Dijeda</translation>
    </message>
    <message>
        <source>Conflicts (%1)</source>
        <translation>Konflik (%1)</translation>
    </message>
    <message>
        <source>Syncing</source>
        <translation>Menyinkronkan</translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation>%1 gagal: %2</translation>
    </message>
    <message>
        <source>Discard the incomplete sync?</source>
        <translation>Buang sinkronisasi yang belum selesai?</translation>
    </message>
    <message>
        <source>The run will not be resumed. Trades it already synced stay in your journal; the next sync fetches what is missing.</source>
        <translation>Proses ini tidak akan dilanjutkan. Trade yang sudah tersinkron tetap ada di jurnal Anda; sinkronisasi berikutnya mengambil yang kurang.</translation>
    </message>
    <message>
        <source>Could not discard</source>
        <translation>Tidak bisa dibuang</translation>
    </message>
    <message>
        <source>This sync is running right now (%1). Stop it first.</source>
        <translation>Sinkronisasi ini sedang berjalan (%1). Hentikan dulu.</translation>
    </message>
    <message>
        <source>This sync is %1; only an interrupted or paused sync can be discarded.</source>
        <translation>Sinkronisasi ini %1; hanya sinkronisasi yang terputus atau dijeda yang bisa dibuang.</translation>
    </message>
    <message>
        <source>never synced</source>
        <translation>belum pernah disinkronkan</translation>
    </message>
    <message>
        <source>no sync completed yet</source>
        <translation>belum ada sinkronisasi yang selesai</translation>
    </message>
    <message>
        <source>last sync %1</source>
        <translation>sinkron terakhir %1</translation>
    </message>
    <message>
        <source>%1 failed symbols</source>
        <translation>%1 simbol gagal</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message>
        <source>Offline — the sync resumes when the network returns</source>
        <translation>Offline — sinkronisasi berlanjut saat jaringan kembali</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Gagal</translation>
    </message>
    <message>
        <source>The network is gone: the sync is paused and resumes by itself when it returns.</source>
        <translation>Jaringan terputus: sinkronisasi dijeda dan berlanjut sendiri saat jaringan kembali.</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Berkas</translation>
    </message>
    <message>
        <source>&amp;Export trades as CSV…</source>
        <translation>&amp;Ekspor trade sebagai CSV…</translation>
    </message>
    <message>
        <source>Export trades</source>
        <translation>Ekspor trade</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Berkas CSV (*.csv)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Ekspor gagal</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Keluar</translation>
    </message>
    <message>
        <source>&amp;Sync</source>
        <translation>&amp;Sinkron</translation>
    </message>
    <message>
        <source>Sync &amp;now</source>
        <translation>Si&amp;nkronkan sekarang</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Pengaturan…</translation>
    </message>
    <message>
        <source>The network is gone: pausing after the current batch.</source>
        <translation>Jaringan terputus: menjeda setelah batch ini.</translation>
    </message>
    <message>
        <source>The network is back: resuming the sync.</source>
        <translation>Jaringan kembali: melanjutkan sinkronisasi.</translation>
    </message>
    <message>
        <source>&amp;Browse desk account…</source>
        <translation>&amp;Jelajahi akun desk…</translation>
    </message>
    <message>
        <source>Sync &amp;all accounts</source>
        <translation>Sinkronkan &amp;semua akun</translation>
    </message>
    <message numerus="yes">
        <source>All %n accounts synced.</source>
        <translation>
            <numerusform>Semua %n akun tersinkron.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of %2 accounts synced; failed: %3</source>
        <translation>%1 dari %2 akun tersinkron; gagal: %3</translation>
    </message>
    <message>
        <source>Syncing %1</source>
        <translation>Menyinkronkan %1</translation>
    </message>
    <message>
        <source>%1: no API key is stored for this account</source>
        <translation>%1: belum ada API key tersimpan untuk akun ini</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Charts: %1 of %2 trades</source>
        <translation>Grafik: %1 dari %2 trade</translation>
    </message>
    <message>
        <source>Charts: %1 of %2 trades (paused for the sync)</source>
        <translation>Grafik: %1 dari %2 trade (dijeda selama sinkronisasi)</translation>
    </message>
    <message>
        <source>Charts: candles could not be fetched (%1); tried again after the next sync.</source>
        <translation>Grafik: candle tidak dapat diambil (%1); dicoba lagi setelah sinkronisasi berikutnya.</translation>
    </message>
    <message>
        <source>Checking the journal…</source>
        <translation>Memeriksa jurnal…</translation>
    </message>
</context>
<context>
    <name>fb::ui::NoKeyHint</name>
    <message>
        <source>&lt;b&gt;No Binance account yet.&lt;/b&gt; Fillbook reads your USD-M Futures history with a &lt;b&gt;read-only&lt;/b&gt; API key: create one on Binance (API Management, enable only “Enable Reading”), then add it in Settings and press Sync now. Your trades appear below. Or look around first with the demo journal of a simulated account.</source>
        <translation>&lt;b&gt;Belum ada akun Binance.&lt;/b&gt; Fillbook membaca riwayat USD-M Futures Anda dengan API key &lt;b&gt;read-only&lt;/b&gt;: buat di Binance (Manajemen API, aktifkan hanya “Enable Reading”), lalu tambahkan di Pengaturan dan tekan Sinkronkan sekarang. Trade Anda muncul di bawah. Atau lihat-lihat dulu dengan jurnal demo dari akun simulasi.</translation>
    </message>
    <message>
        <source>Add an API key in Settings…</source>
        <translation>Tambahkan API key di Pengaturan…</translation>
    </message>
    <message>
        <source>Try the demo</source>
        <translation>Coba demo</translation>
    </message>
</context>
<context>
    <name>fb::ui::NoteMergeDialog</name>
    <message>
        <source>%1 of 5</source>
        <translation>%1 dari 5</translation>
    </message>
    <message>
        <source>none</source>
        <translation>tidak ada</translation>
    </message>
    <message>
        <source>(removed on that device)</source>
        <translation>(dihapus di perangkat itu)</translation>
    </message>
    <message>
        <source>Tags: %1</source>
        <translation>Tag: %1</translation>
    </message>
    <message>
        <source>Setup: %1</source>
        <translation>Setup: %1</translation>
    </message>
    <message>
        <source>Rating: %1</source>
        <translation>Nilai: %1</translation>
    </message>
    <message>
        <source>Mistakes: %1</source>
        <translation>Kesalahan: %1</translation>
    </message>
    <message>
        <source>Merge the notes of %1</source>
        <translation>Gabungkan catatan %1</translation>
    </message>
    <message>
        <source>Merge the daily notes of %1</source>
        <translation>Gabungkan catatan harian %1</translation>
    </message>
    <message>
        <source>Mine (this device)</source>
        <translation>Milik saya (perangkat ini)</translation>
    </message>
    <message>
        <source>Theirs (device %1)</source>
        <translation>Milik mereka (perangkat %1)</translation>
    </message>
    <message>
        <source>Merged note:</source>
        <translation>Catatan gabungan:</translation>
    </message>
    <message>
        <source>The tags of both versions; edit as you like (comma-separated).</source>
        <translation>Tag dari kedua versi; ubah sesuai keinginan (pisahkan dengan koma).</translation>
    </message>
    <message>
        <source>Mine: %1</source>
        <translation>Milik saya: %1</translation>
    </message>
    <message>
        <source>Theirs: %1</source>
        <translation>Milik mereka: %1</translation>
    </message>
    <message>
        <source>Tags:</source>
        <translation>Tag:</translation>
    </message>
    <message>
        <source>Setup:</source>
        <translation>Setup:</translation>
    </message>
    <message>
        <source>Rating:</source>
        <translation>Nilai:</translation>
    </message>
    <message>
        <source>Mistakes:</source>
        <translation>Kesalahan:</translation>
    </message>
    <message>
        <source>Save merge</source>
        <translation>Simpan gabungan</translation>
    </message>
    <message>
        <source>Both versions are kept until you choose. The merge is saved as a new edit that has seen both, so every device takes it.</source>
        <translation>Kedua versi disimpan sampai Anda memilih. Gabungan disimpan sebagai edit baru yang sudah melihat keduanya, jadi semua perangkat mengambilnya.</translation>
    </message>
</context>
<context>
    <name>fb::ui::OpenPositionsView</name>
    <message>
        <source>&lt;b&gt;Open positions&lt;/b&gt;</source>
        <translation>&lt;b&gt;Posisi terbuka&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Symbol</source>
        <translation>Simbol</translation>
    </message>
    <message>
        <source>Side</source>
        <translation>Sisi</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Ukuran</translation>
    </message>
    <message>
        <source>Entry price</source>
        <translation>Harga entry</translation>
    </message>
    <message>
        <source>Mark price</source>
        <translation>Harga mark</translation>
    </message>
    <message>
        <source>Unrealized PnL</source>
        <translation>PnL unrealized</translation>
    </message>
    <message>
        <source>No positions yet: they come with the first sync.</source>
        <translation>Belum ada posisi: posisi datang bersama sinkronisasi pertama.</translation>
    </message>
    <message>
        <source>No open positions as of the last sync, %1.</source>
        <translation>Tidak ada posisi terbuka per sinkronisasi terakhir, %1.</translation>
    </message>
    <message>
        <source>As of the last sync, %1: unrealized PnL at the mark price then. Not part of the closed trades&apos; figures above.</source>
        <translation>Per sinkronisasi terakhir, %1: PnL unrealized pada harga mark saat itu. Bukan bagian dari angka trade tertutup di atas.</translation>
    </message>
    <message>
        <source>Short</source>
        <translation>Short</translation>
    </message>
    <message>
        <source>Long</source>
        <translation>Long</translation>
    </message>
    <message>
        <source>Unrealized PnL: %1</source>
        <translation>PnL unrealized: %1</translation>
    </message>
</context>
<context>
    <name>fb::ui::ReportsView</name>
    <message>
        <source>Group by:</source>
        <translation>Kelompokkan per:</translation>
    </message>
    <message>
        <source>Reports count the closed trades that match the Trades tab&apos;s filters. Weekday and hour are those of the open time, in the display time zone.</source>
        <translation>Laporan menghitung trade tertutup yang cocok dengan filter di tab Trade. Hari dan jam diambil dari waktu buka, dalam zona waktu tampilan.</translation>
    </message>
    <message>
        <source>Amounts in different margin assets are never added up.</source>
        <translation>Jumlah dalam aset margin yang berbeda tidak pernah dijumlahkan.</translation>
    </message>
    <message>
        <source>Margin asset:</source>
        <translation>Aset margin:</translation>
    </message>
    <message>
        <source>Include trades with unknown entry (%1)</source>
        <translation>Sertakan trade dengan entry tak diketahui (%1)</translation>
    </message>
    <message>
        <source>%1 (%2 trades)</source>
        <translation>%1 (%2 trade)</translation>
    </message>
    <message>
        <source>Trades</source>
        <translation>Trade</translation>
    </message>
    <message>
        <source>Win rate</source>
        <translation>Winrate</translation>
    </message>
    <message>
        <source>Net PnL</source>
        <translation>PnL bersih</translation>
    </message>
    <message>
        <source>Profit factor</source>
        <translation>Faktor profit</translation>
    </message>
    <message>
        <source>Expectancy</source>
        <translation>Ekspektansi</translation>
    </message>
    <message>
        <source>Average win</source>
        <translation>Rata-rata profit</translation>
    </message>
    <message>
        <source>Average loss</source>
        <translation>Rata-rata loss</translation>
    </message>
    <message>
        <source>Fees</source>
        <translation>Biaya</translation>
    </message>
    <message>
        <source>Funding</source>
        <translation>Funding</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Jumlah</translation>
    </message>
    <message>
        <source>No closed trades match the filters.</source>
        <translation>Tidak ada trade tertutup yang cocok dengan filter.</translation>
    </message>
    <message>
        <source>Largest win %1 · largest loss %2 · longest winning streak %3 · longest losing streak %4 (by close time)</source>
        <translation>Profit terbesar %1 · loss terbesar %2 · beruntun profit terpanjang %3 · beruntun loss terpanjang %4 (menurut waktu tutup)</translation>
    </message>
    <message>
        <source>Profit</source>
        <translation>Untung</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>Rugi</translation>
    </message>
    <message>
        <source>Net PnL by %1</source>
        <translation>PnL bersih per %1</translation>
    </message>
    <message>
        <source>Net PnL by %1 (%2), the %3 largest</source>
        <translation>PnL bersih per %1 (%2), %3 terbesar</translation>
    </message>
    <message>
        <source>Net PnL by %1 (%2)</source>
        <translation>PnL bersih per %1 (%2)</translation>
    </message>
    <message>
        <source>Symbol</source>
        <translation>Simbol</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>Arah</translation>
    </message>
    <message>
        <source>Setup</source>
        <translation>Setup</translation>
    </message>
    <message>
        <source>Tag</source>
        <translation>Tag</translation>
    </message>
    <message>
        <source>Mistake</source>
        <translation>Kesalahan</translation>
    </message>
    <message>
        <source>Weekday (opened)</source>
        <translation>Hari (dibuka)</translation>
    </message>
    <message>
        <source>Hour opened</source>
        <translation>Jam dibuka</translation>
    </message>
    <message>
        <source>Holding time</source>
        <translation>Lama posisi</translation>
    </message>
    <message>
        <source>Day closed</source>
        <translation>Hari ditutup</translation>
    </message>
    <message>
        <source>(no setup)</source>
        <translation>(tanpa setup)</translation>
    </message>
    <message>
        <source>(no tag)</source>
        <translation>(tanpa tag)</translation>
    </message>
    <message>
        <source>(no mistake)</source>
        <translation>(tanpa kesalahan)</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(tidak ada)</translation>
    </message>
    <message>
        <source>under 1 min</source>
        <translation>&lt; 1 mnt</translation>
    </message>
    <message>
        <source>1-5 min</source>
        <translation>1-5 mnt</translation>
    </message>
    <message>
        <source>5-15 min</source>
        <translation>5-15 mnt</translation>
    </message>
    <message>
        <source>15-60 min</source>
        <translation>15-60 mnt</translation>
    </message>
    <message>
        <source>1-4 h</source>
        <translation>1-4 jam</translation>
    </message>
    <message>
        <source>4-24 h</source>
        <translation>4-24 jam</translation>
    </message>
    <message>
        <source>1-7 days</source>
        <translation>1-7 hari</translation>
    </message>
    <message>
        <source>7 days or more</source>
        <translation>7 hari atau lebih</translation>
    </message>
    <message>
        <source>Average R</source>
        <translation>Rata-rata R</translation>
    </message>
    <message>
        <source>%1 R (%2 trades)</source>
        <translation>%1 R (%2 trade)</translation>
    </message>
    <message>
        <source>no stop</source>
        <translation>tanpa stop</translation>
    </message>
</context>
<context>
    <name>fb::ui::ResumeBanner</name>
    <message>
        <source>Resume</source>
        <translation>Lanjutkan</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Buang</translation>
    </message>
    <message>
        <source>Account &lt;b&gt;%1&lt;/b&gt;: %2</source>
        <translation>Akun &lt;b&gt;%1&lt;/b&gt;: %2</translation>
    </message>
</context>
<context>
    <name>fb::ui::RunsView</name>
    <message>
        <source>%1 %2: journal %3, income %4, difference %5</source>
        <translation>%1 %2: jurnal %3, income %4, selisih %5</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Proses</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Mulai</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Durasi</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Kemajuan</translation>
    </message>
    <message>
        <source>Inserted</source>
        <translation>Ditambahkan</translation>
    </message>
    <message>
        <source>Duplicates</source>
        <translation>Duplikat</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Gagal</translation>
    </message>
    <message>
        <source>Retries</source>
        <translation>Percobaan ulang</translation>
    </message>
    <message>
        <source>Symbol</source>
        <translation>Simbol</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>Data</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Galat</translation>
    </message>
    <message>
        <source>Failed only</source>
        <translation>Hanya yang gagal</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Lanjutkan</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Buang</translation>
    </message>
    <message>
        <source>Retry failed symbols</source>
        <translation>Ulangi simbol gagal</translation>
    </message>
    <message>
        <source>&lt;b&gt;Run history&lt;/b&gt;</source>
        <translation>&lt;b&gt;Riwayat proses&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Symbols of the run&lt;/b&gt;</source>
        <translation>&lt;b&gt;Simbol dalam proses&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Reconciliation&lt;/b&gt; (journal vs. income ledger)</source>
        <translation>&lt;b&gt;Rekonsiliasi&lt;/b&gt; (jurnal vs. buku income)</translation>
    </message>
    <message>
        <source>No reconciliation for this run.</source>
        <translation>Tidak ada rekonsiliasi untuk proses ini.</translation>
    </message>
    <message>
        <source>All %1 checks match.</source>
        <translation>Semua %1 pemeriksaan cocok.</translation>
    </message>
    <message>
        <source>%1 of %2 checks do not match.</source>
        <translation>%1 dari %2 pemeriksaan tidak cocok.</translation>
    </message>
</context>
<context>
    <name>fb::ui::SavedFiltersBox</name>
    <message>
        <source>Save filter</source>
        <translation>Simpan filter</translation>
    </message>
    <message>
        <source>Name of this set of filters:</source>
        <translation>Nama kumpulan filter ini:</translation>
    </message>
    <message>
        <source>Saved filters</source>
        <translation>Filter tersimpan</translation>
    </message>
    <message>
        <source>Filters saved by name, kept in the journal (fillbook-cli --filter NAME uses them too).</source>
        <translation>Filter yang disimpan dengan nama, disimpan di jurnal (fillbook-cli --filter NAMA juga memakainya).</translation>
    </message>
    <message>
        <source>Save…</source>
        <comment>save the current filters under a name</comment>
        <translation>Simpan…</translation>
    </message>
    <message>
        <source>Save the current filters under a name</source>
        <translation>Simpan filter saat ini dengan sebuah nama</translation>
    </message>
    <message>
        <source>Delete</source>
        <comment>delete the chosen saved filter</comment>
        <translation>Hapus</translation>
    </message>
    <message>
        <source>Delete the chosen saved filter (the trades are not touched)</source>
        <translation>Hapus filter tersimpan yang dipilih (trade tidak tersentuh)</translation>
    </message>
    <message>
        <source>Could not save the filter</source>
        <translation>Filter tidak dapat disimpan</translation>
    </message>
    <message>
        <source>Could not delete the filter</source>
        <translation>Filter tidak dapat dihapus</translation>
    </message>
</context>
<context>
    <name>fb::ui::SecretStore</name>
    <message>
        <source>No keychain is available (%1): the key is stored in %2, readable only by you. Anyone who can log in as you can read it.</source>
        <translation>Tidak ada keychain (%1): key disimpan di %2, hanya bisa dibaca oleh Anda. Siapa pun yang bisa login sebagai Anda dapat membacanya.</translation>
    </message>
    <message>
        <source>no keychain service is running</source>
        <translation>tidak ada layanan keychain yang berjalan</translation>
    </message>
    <message>
        <source>the keychain refused access</source>
        <translation>keychain menolak akses</translation>
    </message>
    <message>
        <source>this platform has no keychain support</source>
        <translation>platform ini tidak mendukung keychain</translation>
    </message>
    <message>
        <source>no keychain service answered</source>
        <translation>tidak ada layanan keychain yang menjawab</translation>
    </message>
    <message>
        <source>the keychain did not answer</source>
        <translation>keychain tidak menjawab</translation>
    </message>
    <message>
        <source>cannot create %1</source>
        <translation>tidak bisa membuat %1</translation>
    </message>
    <message>
        <source>Could not store the key: %1</source>
        <translation>Tidak bisa menyimpan key: %1</translation>
    </message>
    <message>
        <source>built without QtKeychain</source>
        <translation>dibangun tanpa QtKeychain</translation>
    </message>
    <message>
        <source>it was saved while no keychain worked</source>
        <translation>disimpan saat tidak ada keychain yang berfungsi</translation>
    </message>
</context>
<context>
    <name>fb::ui::SettingsDialog</name>
    <message>
        <source>withdraw</source>
        <translation>menarik dana</translation>
    </message>
    <message>
        <source>transfer internally</source>
        <translation>transfer internal</translation>
    </message>
    <message>
        <source>make universal transfers</source>
        <translation>melakukan transfer universal</translation>
    </message>
    <message>
        <source>trade futures</source>
        <translation>trading futures</translation>
    </message>
    <message>
        <source>trade spot and margin</source>
        <translation>trading spot dan margin</translation>
    </message>
    <message>
        <source>use margin</source>
        <translation>memakai margin</translation>
    </message>
    <message>
        <source>trade options</source>
        <translation>trading opsi</translation>
    </message>
    <message>
        <source>trade portfolio margin</source>
        <translation>trading portfolio margin</translation>
    </message>
    <message>
        <source>trade over FIX</source>
        <translation>trading lewat FIX</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Pengaturan</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Akun</translation>
    </message>
    <message>
        <source>Binance (production)</source>
        <translation>Binance (produksi)</translation>
    </message>
    <message>
        <source>Binance testnet</source>
        <translation>Binance testnet</translation>
    </message>
    <message>
        <source>Custom base URL</source>
        <translation>Base URL khusus</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Uji koneksi</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nama</translation>
    </message>
    <message>
        <source>Exchange</source>
        <translation>Bursa</translation>
    </message>
    <message>
        <source>Base URL</source>
        <translation>Base URL</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>API key</translation>
    </message>
    <message>
        <source>API secret</source>
        <translation>API secret</translation>
    </message>
    <message>
        <source>Sync and display</source>
        <translation>Sinkronisasi dan tampilan</translation>
    </message>
    <message>
        <source>%1 days</source>
        <translation>%1 hari</translation>
    </message>
    <message>
        <source>Everything available</source>
        <translation>Semua yang tersedia</translation>
    </message>
    <message>
        <source> attempts</source>
        <translation> kali</translation>
    </message>
    <message>
        <source>first wait </source>
        <translation>tunggu awal </translation>
    </message>
    <message>
        <source> s</source>
        <translation> dtk</translation>
    </message>
    <message>
        <source>doubling up to </source>
        <translation>berlipat hingga </translation>
    </message>
    <message>
        <source>Resume an incomplete sync at start</source>
        <translation>Lanjutkan sinkronisasi yang belum selesai saat mulai</translation>
    </message>
    <message>
        <source>off</source>
        <translation>mati</translation>
    </message>
    <message>
        <source> min</source>
        <translation> mnt</translation>
    </message>
    <message>
        <source>Local time</source>
        <translation>Waktu lokal</translation>
    </message>
    <message>
        <source>Default range</source>
        <translation>Rentang bawaan</translation>
    </message>
    <message>
        <source>Symbols per batch</source>
        <translation>Simbol per batch</translation>
    </message>
    <message>
        <source>Retries</source>
        <translation>Percobaan ulang</translation>
    </message>
    <message>
        <source>Sync every</source>
        <translation>Sinkronkan setiap</translation>
    </message>
    <message>
        <source>Display time zone</source>
        <translation>Zona waktu tampilan</translation>
    </message>
    <message>
        <source>Settings — demo</source>
        <translation>Pengaturan — demo</translation>
    </message>
    <message>
        <source>Demo exchange (built in)</source>
        <translation>Bursa demo (bawaan)</translation>
    </message>
    <message>
        <source>Demo exchange — no key needed</source>
        <translation>Bursa demo — tidak perlu key</translation>
    </message>
    <message>
        <source>Demo mode: Fillbook&apos;s built-in demo exchange, with made-up trades. Your own account&apos;s settings and key are not shown here and are not changed; start Fillbook without --demo to edit them. The preferences of the Sync and display tab are saved.</source>
        <translation>Mode demo: bursa demo bawaan Fillbook, dengan trade rekaan. Pengaturan dan key akun Anda sendiri tidak ditampilkan di sini dan tidak diubah; jalankan Fillbook tanpa --demo untuk mengubahnya. Preferensi di tab Sinkronisasi dan tampilan tetap disimpan.</translation>
    </message>
    <message>
        <source>stored in the keychain — type to replace</source>
        <translation>tersimpan di keychain — ketik untuk mengganti</translation>
    </message>
    <message>
        <source>The key is stored in the system keychain.</source>
        <translation>Key tersimpan di keychain sistem.</translation>
    </message>
    <message>
        <source>stored in the key file — type to replace</source>
        <translation>tersimpan di berkas key — ketik untuk mengganti</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>belum diisi</translation>
    </message>
    <message>
        <source>No key is stored for this account. Use a read-only key.</source>
        <translation>Belum ada key tersimpan untuk akun ini. Gunakan key read-only.</translation>
    </message>
    <message>
        <source>the file below</source>
        <translation>berkas di bawah</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>Menguji…</translation>
    </message>
    <message>
        <source>Enter the API key and secret first.</source>
        <translation>Isi API key dan secret terlebih dahulu.</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>tidak diketahui</translation>
    </message>
    <message>
        <source>Connected to the testnet (wallet balance %1). The testnet cannot tell what the key may do.</source>
        <translation>Terhubung ke testnet (saldo wallet %1). Testnet tidak bisa memberi tahu izin key ini.</translation>
    </message>
    <message>
        <source>Connected (wallet balance %1), but the key&apos;s permissions could not be read: %2</source>
        <translation>Terhubung (saldo wallet %1), tetapi izin key tidak bisa dibaca: %2</translation>
    </message>
    <message>
        <source>Connected, but this key can also %1. Fillbook only reads: create a read-only key for it.</source>
        <translation>Terhubung, tetapi key ini juga bisa %1. Fillbook hanya membaca: buat key read-only untuknya.</translation>
    </message>
    <message>
        <source>Connected with a read-only key (wallet balance %1).</source>
        <translation>Terhubung dengan key read-only (saldo wallet %1).</translation>
    </message>
    <message>
        <source>OK, close</source>
        <translation>OK, tutup</translation>
    </message>
    <message>
        <source>System (%1)</source>
        <comment>language that follows the system locale</comment>
        <translation>Sistem (%1)</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Bahasa</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>Akun</translation>
    </message>
    <message>
        <source> minutes</source>
        <translation> menit</translation>
    </message>
    <message>
        <source>The charts of your newest trades, up to %1 days of 1-minute candles (about %2 MB). Older trades keep their MAE and MFE but show no chart.</source>
        <translation>Grafik trade terbaru Anda, hingga %1 hari candle 1 menit (sekitar %2 MB). Trade yang lebih lama tetap punya MAE dan MFE, tetapi tanpa grafik.</translation>
    </message>
    <message>
        <source>Chart candles kept</source>
        <translation>Candle grafik yang disimpan</translation>
    </message>
</context>
<context>
    <name>fb::ui::ShareController</name>
    <message>
        <source>no desk password is stored; enter it in Settings → Share.</source>
        <translation>belum ada kata sandi desk tersimpan; isi di Pengaturan → Berbagi.</translation>
    </message>
    <message>
        <source>Sharing off</source>
        <translation>Berbagi mati</translation>
    </message>
    <message>
        <source>Sharing: connecting…</source>
        <translation>Berbagi: menghubungkan…</translation>
    </message>
    <message>
        <source>Sharing: idle</source>
        <translation>Berbagi: siaga</translation>
    </message>
    <message>
        <source>Sharing: pushing</source>
        <translation>Berbagi: mengirim</translation>
    </message>
    <message>
        <source>Sharing: pulling</source>
        <translation>Berbagi: mengambil</translation>
    </message>
    <message>
        <source>Sharing: offline — retry in %1 s</source>
        <translation>Berbagi: offline — coba lagi dalam %1 dtk</translation>
    </message>
    <message>
        <source>Sharing: offline</source>
        <translation>Berbagi: offline</translation>
    </message>
    <message numerus="yes">
        <source>Sharing: %Ln change(s) refused: %1</source>
        <translation>
            <numerusform>Berbagi: %Ln perubahan ditolak: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Sharing failed: %1</source>
        <translation>Berbagi gagal: %1</translation>
    </message>
    <message numerus="yes">
        <source>%Ln pending</source>
        <translation>
            <numerusform>%Ln tertunda</numerusform>
        </translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Coba lagi</translation>
    </message>
    <message>
        <source>Push the refused changes again</source>
        <translation>Kirim lagi perubahan yang ditolak</translation>
    </message>
    <message>
        <source>Desk: %1</source>
        <translation>Desk: %1</translation>
    </message>
    <message>
        <source>never</source>
        <translation>belum pernah</translation>
    </message>
    <message>
        <source>Last push: %1</source>
        <translation>Kirim terakhir: %1</translation>
    </message>
    <message>
        <source>Last pull: %1</source>
        <translation>Ambil terakhir: %1</translation>
    </message>
</context>
<context>
    <name>fb::ui::ShareSettingsPage</name>
    <message>
        <source>Share</source>
        <translation>Berbagi</translation>
    </message>
    <message>
        <source>Share this journal&apos;s notes, tags and screenshots through a desk server (PostgreSQL). The journal on this computer stays the main copy: sharing catches up whenever the server can be reached.</source>
        <translation>Bagikan catatan, tag, dan tangkapan layar jurnal ini lewat server desk (PostgreSQL). Jurnal di komputer ini tetap salinan utama: berbagi menyusul setiap kali server dapat dihubungi.</translation>
    </message>
    <message>
        <source>Server URL</source>
        <translation>URL server</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Pengguna</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Kata sandi</translation>
    </message>
    <message>
        <source>Share this journal</source>
        <translation>Bagikan jurnal ini</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Uji koneksi</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>belum diisi</translation>
    </message>
    <message>
        <source>No desk password is stored for this URL and user.</source>
        <translation>Belum ada kata sandi desk tersimpan untuk URL dan pengguna ini.</translation>
    </message>
    <message>
        <source>stored in the keychain — type to replace</source>
        <translation>tersimpan di keychain — ketik untuk mengganti</translation>
    </message>
    <message>
        <source>The desk password is stored in the system keychain.</source>
        <translation>Kata sandi desk tersimpan di keychain sistem.</translation>
    </message>
    <message>
        <source>stored in the key file — type to replace</source>
        <translation>tersimpan di berkas key — ketik untuk mengganti</translation>
    </message>
    <message>
        <source>No keychain is available: the desk password is stored in %1, readable only by you.</source>
        <translation>Keychain tidak tersedia: kata sandi desk disimpan di %1, hanya dapat dibaca oleh Anda.</translation>
    </message>
    <message>
        <source>Enter the desk server&apos;s URL to share this journal.</source>
        <translation>Isi URL server desk untuk membagikan jurnal ini.</translation>
    </message>
    <message>
        <source>Type the password in the Password field, not in the URL.</source>
        <translation>Ketik kata sandi di kolom Kata sandi, bukan di URL.</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>Menguji…</translation>
    </message>
    <message>
        <source>Enter the desk password first.</source>
        <translation>Isi kata sandi desk dulu.</translation>
    </message>
    <message>
        <source>Connected to the desk at %1 as %2 (desk schema %3).</source>
        <translation>Terhubung ke desk di %1 sebagai %2 (skema desk %3).</translation>
    </message>
</context>
<context>
    <name>fb::ui::StatsView</name>
    <message>
        <source>1 trade</source>
        <translation>1 trade</translation>
    </message>
    <message>
        <source>%1 trades</source>
        <translation>%1 trade</translation>
    </message>
    <message>
        <source>Statistics count the closed trades that match the Trades tab&apos;s filters.</source>
        <translation>Statistik menghitung trade tertutup yang cocok dengan filter di tab Trade.</translation>
    </message>
    <message>
        <source>Statistics are per margin asset: amounts in different assets are never added up.</source>
        <translation>Statistik dihitung per aset margin: jumlah dalam aset berbeda tidak pernah dijumlahkan.</translation>
    </message>
    <message>
        <source>Trades that were already open before the journal&apos;s first fill: their entry, PnL and duration are not the whole trade&apos;s, so they are left out by default.</source>
        <translation>Trade yang sudah terbuka sebelum fill pertama di jurnal: entry, PnL, dan durasinya bukan milik trade secara utuh, jadi secara bawaan tidak disertakan.</translation>
    </message>
    <message>
        <source>Margin asset:</source>
        <translation>Aset margin:</translation>
    </message>
    <message>
        <source>Net PnL</source>
        <translation>PnL bersih</translation>
    </message>
    <message>
        <source>Closed trades</source>
        <translation>Trade tertutup</translation>
    </message>
    <message>
        <source>Win rate</source>
        <translation>Winrate</translation>
    </message>
    <message>
        <source>Profit factor</source>
        <translation>Faktor profit</translation>
    </message>
    <message>
        <source>Expectancy per trade</source>
        <translation>Ekspektansi per trade</translation>
    </message>
    <message>
        <source>Average win</source>
        <translation>Rata-rata profit</translation>
    </message>
    <message>
        <source>Average loss</source>
        <translation>Rata-rata loss</translation>
    </message>
    <message>
        <source>Max drawdown</source>
        <translation>Drawdown maks.</translation>
    </message>
    <message>
        <source>Include trades with unknown entry (%1)</source>
        <translation>Sertakan trade dengan entry tak diketahui (%1)</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1: %2 over %3</source>
        <translation>%1: %2 dari %3</translation>
    </message>
    <message>
        <source>Net PnL per margin asset (never added up): %1</source>
        <translation>PnL bersih per aset margin (tidak dijumlahkan): %1</translation>
    </message>
    <message>
        <source>%1
Net PnL %2
%3 closed</source>
        <translation>%1
PnL bersih %2
%3 ditutup</translation>
    </message>
    <message>
        <source>%1
Equity %2</source>
        <translation>%1
Ekuitas %2</translation>
    </message>
    <message>
        <source>Equity (cumulative net PnL)</source>
        <translation>Ekuitas (PnL bersih kumulatif)</translation>
    </message>
    <message>
        <source>Equity curve</source>
        <translation>Kurva ekuitas</translation>
    </message>
    <message>
        <source>Equity curve (cumulative net PnL, %1)</source>
        <translation>Kurva ekuitas (PnL bersih kumulatif, %1)</translation>
    </message>
    <message>
        <source>Profit</source>
        <translation>Untung</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>Rugi</translation>
    </message>
    <message>
        <source>Net PnL by day</source>
        <translation>PnL bersih per hari</translation>
    </message>
    <message>
        <source>Net PnL by day (%1), %2 to %3, %4</source>
        <translation>PnL bersih per hari (%1), %2 sampai %3, %4</translation>
    </message>
</context>
<context>
    <name>fb::ui::SymbolPicker</name>
    <message>
        <source>Search symbols</source>
        <translation>Cari simbol</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Terapkan</translation>
    </message>
    <message>
        <source>Clear</source>
        <comment>untick every symbol</comment>
        <translation>Kosongkan</translation>
    </message>
</context>
<context>
    <name>fb::ui::SyncPanel</name>
    <message>
        <source>Last 7 days</source>
        <translation>7 hari terakhir</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>30 hari terakhir</translation>
    </message>
    <message>
        <source>Last 90 days</source>
        <translation>90 hari terakhir</translation>
    </message>
    <message>
        <source>Everything available</source>
        <translation>Semua yang tersedia</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>Sinkronkan sekarang</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Hentikan</translation>
    </message>
    <message>
        <source>Pause at the next batch boundary; Resume continues from there.</source>
        <translation>Jeda di batas batch berikutnya; Lanjutkan akan meneruskan dari sana.</translation>
    </message>
    <message>
        <source>Idle</source>
        <translation>Siaga</translation>
    </message>
    <message>
        <source>Account: &lt;b&gt;%1&lt;/b&gt;</source>
        <translation>Akun: &lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Stopped at %1 % — click Resume above to continue from there</source>
        <translation>Berhenti di %1 % — klik Lanjutkan di atas untuk meneruskan dari sana</translation>
    </message>
    <message>
        <source>Stopped before it was planned — click Resume above to continue</source>
        <translation>Berhenti sebelum direncanakan — klik Lanjutkan di atas untuk meneruskan</translation>
    </message>
    <message>
        <source>about %1 left</source>
        <translation>sekitar %1 lagi</translation>
    </message>
    <message>
        <source>%1 records inserted · %2 duplicates skipped · %3 failed symbols · %4 retries</source>
        <translation>%1 data ditambahkan · %2 duplikat dilewati · %3 simbol gagal · %4 percobaan ulang</translation>
    </message>
    <message>
        <source>This computer&apos;s clock is %1 %2 the exchange&apos;s. Fillbook uses the exchange&apos;s time, but set the clock right (a dual-boot computer may keep local time in its hardware clock).</source>
        <translation>Jam komputer ini %1 %2 jam bursa. Fillbook memakai waktu bursa, tetapi sebaiknya jam diperbaiki (komputer dual-boot mungkin menyimpan waktu lokal di jam perangkat kerasnya).</translation>
    </message>
    <message>
        <source>ahead of</source>
        <translation>lebih cepat dari</translation>
    </message>
    <message>
        <source>behind</source>
        <translation>lebih lambat dari</translation>
    </message>
    <message>
        <source>%1 records inserted · %2 duplicates skipped · %3 failed symbols · %4 retries · took %5</source>
        <translation>%1 data ditambahkan · %2 duplikat dilewati · %3 simbol gagal · %4 percobaan ulang · selama %5</translation>
    </message>
    <message>
        <source>Sync all accounts</source>
        <translation>Sinkronkan semua akun</translation>
    </message>
    <message>
        <source>Sync every account of Settings, one after the other; an account that fails does not stop the others.</source>
        <translation>Sinkronkan setiap akun di Pengaturan, satu per satu; akun yang gagal tidak menghentikan yang lain.</translation>
    </message>
    <message>
        <source>The account Sync now syncs</source>
        <translation>Akun yang disinkronkan oleh Sinkronkan sekarang</translation>
    </message>
    <message>
        <source>Account:</source>
        <translation>Akun:</translation>
    </message>
</context>
<context>
    <name>fb::ui::TradeChart</name>
    <message>
        <source>Candles (1 minute)</source>
        <translation>Candle (1 menit)</translation>
    </message>
    <message>
        <source>Entries</source>
        <translation>Entry</translation>
    </message>
    <message>
        <source>Exits</source>
        <translation>Exit</translation>
    </message>
    <message>
        <source>Initial stop</source>
        <translation>Stop awal</translation>
    </message>
    <message>
        <source>Funding</source>
        <translation>Funding</translation>
    </message>
    <message>
        <source>MAE %1</source>
        <translation>MAE %1</translation>
    </message>
    <message>
        <source>MFE %1</source>
        <translation>MFE %1</translation>
    </message>
    <message>
        <source>No chart: the exchange has no candles of %1 (%2).</source>
        <translation>Tidak ada grafik: bursa tidak punya candle %1 (%2).</translation>
    </message>
    <message>
        <source>No chart yet: its candles are not fetched (run fillbook-cli candles after a sync).</source>
        <translation>Belum ada grafik: candle-nya belum diambil (jalankan fillbook-cli candles setelah sinkronisasi).</translation>
    </message>
    <message>
        <source>MAE/MFE: waiting for the candles of the whole trade.</source>
        <translation>MAE/MFE: menunggu candle seluruh trade.</translation>
    </message>
    <message>
        <source>Loading candles…</source>
        <translation>Memuat candle…</translation>
    </message>
    <message>
        <source>No chart yet: the candles could not be fetched (%1). They are fetched again after the next sync.</source>
        <translation>Belum ada grafik: candle tidak dapat diambil (%1). Candle diambil lagi setelah sinkronisasi berikutnya.</translation>
    </message>
    <message>
        <source>No chart yet: its candles are fetched after the next sync.</source>
        <translation>Belum ada grafik: candle-nya diambil setelah sinkronisasi berikutnya.</translation>
    </message>
    <message>
        <source>No chart: the journal keeps the candles of its newest trades only, and this trade is older.</source>
        <translation>Tidak ada grafik: jurnal hanya menyimpan candle dari trade terbarunya, dan trade ini lebih lama.</translation>
    </message>
</context>
<context>
    <name>fb::ui::TradeDetail</name>
    <message>
        <source>Select a trade to see its fills and notes.</source>
        <translation>Pilih sebuah trade untuk melihat fill dan catatannya.</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Waktu</translation>
    </message>
    <message>
        <source>Side</source>
        <translation>Sisi</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Harga</translation>
    </message>
    <message>
        <source>Qty</source>
        <translation>Jml</translation>
    </message>
    <message>
        <source>Fee</source>
        <translation>Biaya</translation>
    </message>
    <message>
        <source>Realized</source>
        <translation>Realized</translation>
    </message>
    <message>
        <source>What did you see, why did you enter, what would you change?</source>
        <translation>Apa yang Anda lihat, kenapa entry, apa yang akan Anda ubah?</translation>
    </message>
    <message>
        <source>breakout, news</source>
        <translation>breakout, berita</translation>
    </message>
    <message>
        <source>not rated</source>
        <translation>belum dinilai</translation>
    </message>
    <message>
        <source>moved stop, oversized</source>
        <translation>geser stop, size kebesaran</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Catatan</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Tag</translation>
    </message>
    <message>
        <source>Setup</source>
        <translation>Setup</translation>
    </message>
    <message>
        <source>Rating</source>
        <translation>Nilai</translation>
    </message>
    <message>
        <source>Mistakes</source>
        <translation>Kesalahan</translation>
    </message>
    <message>
        <source>This trade is no longer in the journal.</source>
        <translation>Trade ini sudah tidak ada di jurnal.</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1 %2&lt;/b&gt; · %3 · %4 fills&lt;br&gt;Net PnL &lt;b&gt;%5%6&lt;/b&gt;&lt;br&gt;Fees %7</source>
        <translation>&lt;b&gt;%1 %2&lt;/b&gt; · %3 · %4 fill&lt;br&gt;PnL bersih &lt;b&gt;%5%6&lt;/b&gt;&lt;br&gt;Biaya %7</translation>
    </message>
    <message>
        <source>Net PnL %1 %2 includes fees paid in other assets, valued in %2 (without them: %3 %2).</source>
        <translation>PnL bersih %1 %2 termasuk biaya yang dibayar dalam aset lain, dinilai dalam %2 (tanpa biaya itu: %3 %2).</translation>
    </message>
    <message>
        <source>Net PnL %1 %2 leaves out fees paid in other assets that could not be valued.</source>
        <translation>PnL bersih %1 %2 tidak memuat biaya dalam aset lain yang tidak bisa dinilai.</translation>
    </message>
    <message>
        <source>Fee (%1)</source>
        <translation>Biaya (%1)</translation>
    </message>
    <message>
        <source>PnL (%1)</source>
        <translation>PnL (%1)</translation>
    </message>
    <message>
        <source>No funding during this trade.</source>
        <translation>Tidak ada funding selama trade ini.</translation>
    </message>
    <message>
        <source>Funding: %1 (total %2)</source>
        <translation>Funding: %1 (total %2)</translation>
    </message>
    <message>
        <source>from the stop</source>
        <translation>dari stop</translation>
    </message>
    <message>
        <source>Your own initial risk for this trade, in its margin asset. Leave empty to use the first protective stop.</source>
        <translation>Risiko awal Anda sendiri untuk trade ini, dalam aset margin-nya. Kosongkan untuk memakai stop pelindung pertama.</translation>
    </message>
    <message>
        <source>Risk</source>
        <translation>Risiko</translation>
    </message>
    <message>
        <source> · R &lt;b&gt;%1&lt;/b&gt;</source>
        <translation> · R &lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Initial risk %1 (yours)</source>
        <translation>Risiko awal %1 (milik Anda)</translation>
    </message>
    <message>
        <source>; the stop&apos;s: %1</source>
        <translation>; dari stop: %1</translation>
    </message>
    <message>
        <source>Initial risk: no stop (no protective stop was live while the position was open; type your own risk below).</source>
        <translation>Risiko awal: tanpa stop (tidak ada stop pelindung yang aktif selama posisi terbuka; ketik risiko Anda sendiri di bawah).</translation>
    </message>
    <message>
        <source>algo order %1</source>
        <translation>order algo %1</translation>
    </message>
    <message>
        <source>order %1</source>
        <translation>order %1</translation>
    </message>
    <message>
        <source>Initial risk %1: stop %2 from entry %3 on %4 at %5 (%6)</source>
        <translation>Risiko awal %1: stop %2 dari entry %3 sebanyak %4 pada %5 (%6)</translation>
    </message>
    <message>
        <source>, with %1 more stops</source>
        <translation>, dengan %1 stop lainnya</translation>
    </message>
    <message>
        <source>Chart</source>
        <translation>Grafik</translation>
    </message>
    <message>
        <source>Screenshots</source>
        <translation>Tangkapan layar</translation>
    </message>
    <message>
        <source>The chart and MAE/MFE come when the trade is closed.</source>
        <translation>Grafik serta MAE/MFE muncul setelah trade ditutup.</translation>
    </message>
</context>
<context>
    <name>fb::ui::TradeFilterBar</name>
    <message>
        <source>All symbols</source>
        <translation>Semua simbol</translation>
    </message>
    <message>
        <source>Long &amp; short</source>
        <translation>Long &amp; short</translation>
    </message>
    <message>
        <source>Long</source>
        <translation>Long</translation>
    </message>
    <message>
        <source>Short</source>
        <translation>Short</translation>
    </message>
    <message>
        <source>Open &amp; closed</source>
        <translation>Terbuka &amp; tertutup</translation>
    </message>
    <message>
        <source>Wins &amp; losses</source>
        <translation>Profit &amp; loss</translation>
    </message>
    <message>
        <source>Wins</source>
        <translation>Profit</translation>
    </message>
    <message>
        <source>Losses</source>
        <translation>Loss</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Tag</translation>
    </message>
    <message>
        <source>Trades with any of these tags, separated by commas; a tag matches every tag that starts with it (&quot;break&quot; finds &quot;breakout&quot;).</source>
        <translation>Trade dengan salah satu tag ini, dipisah koma; sebuah tag cocok dengan setiap tag yang diawali olehnya (&quot;break&quot; menemukan &quot;breakout&quot;).</translation>
    </message>
    <message>
        <source>Start date is after end date</source>
        <translation>Tanggal mulai setelah tanggal akhir</translation>
    </message>
    <message>
        <source>Text in notes</source>
        <translation>Teks di catatan</translation>
    </message>
    <message>
        <source>Only the trades closed on this day (chosen in the Calendar). Click to show every day again.</source>
        <translation>Hanya trade yang ditutup pada hari ini (dipilih di Kalender). Klik untuk menampilkan semua hari lagi.</translation>
    </message>
    <message>
        <source>Closed %1  ✕</source>
        <translation>Ditutup %1  ✕</translation>
    </message>
    <message>
        <source>Open</source>
        <comment>trade status: the position is still open</comment>
        <translation>Terbuka</translation>
    </message>
    <message>
        <source>Closed</source>
        <comment>trade status: the position is closed</comment>
        <translation>Tertutup</translation>
    </message>
    <message>
        <source>Opened</source>
        <comment>filter on the day a trade was opened</comment>
        <translation>Dibuka</translation>
    </message>
    <message>
        <source>All accounts</source>
        <translation>Semua akun</translation>
    </message>
    <message>
        <source>Trades of one account, or of every account of this journal (money is summed per margin asset).</source>
        <translation>Trade dari satu akun, atau dari setiap akun jurnal ini (uang dijumlahkan per aset margin).</translation>
    </message>
    <message>
        <source>Several symbols…</source>
        <translation>Beberapa simbol…</translation>
    </message>
    <message numerus="yes">
        <source>%n symbols</source>
        <translation>
            <numerusform>%n simbol</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fb::ui::TradeTableModel</name>
    <message>
        <source>Opened</source>
        <translation>Dibuka</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Ditutup</translation>
    </message>
    <message>
        <source>Symbol</source>
        <translation>Simbol</translation>
    </message>
    <message>
        <source>Side</source>
        <translation>Sisi</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Ukuran</translation>
    </message>
    <message>
        <source>Entry</source>
        <translation>Entry</translation>
    </message>
    <message>
        <source>Exit</source>
        <translation>Exit</translation>
    </message>
    <message>
        <source>Realized</source>
        <translation>Realized</translation>
    </message>
    <message>
        <source>Fees</source>
        <translation>Biaya</translation>
    </message>
    <message>
        <source>Funding</source>
        <translation>Funding</translation>
    </message>
    <message>
        <source>Net PnL</source>
        <translation>PnL bersih</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Durasi</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Flags</source>
        <translation>Tanda</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Tag</translation>
    </message>
    <message>
        <source>OPEN</source>
        <comment>trade status cell: the position is still open</comment>
        <translation>TERBUKA</translation>
    </message>
    <message>
        <source>CLOSED</source>
        <comment>trade status cell: the position is closed</comment>
        <translation>TERTUTUP</translation>
    </message>
    <message>
        <source>%1 R</source>
        <translation>%1 R</translation>
    </message>
    <message>
        <source>no stop</source>
        <translation>tanpa stop</translation>
    </message>
    <message>
        <source>R</source>
        <translation>R</translation>
    </message>
</context>
<context>
    <name>fb::ui::TradesView</name>
    <message>
        <source>Export CSV…</source>
        <translation>Ekspor CSV…</translation>
    </message>
    <message>
        <source>The trades the filters show: net PnL of every one (an open trade&apos;s so far), win rate of the closed ones, fees and funding, per margin asset (never added up).</source>
        <translation>Trade yang ditampilkan filter: PnL bersih masing-masing (untuk trade terbuka: sejauh ini), winrate trade tertutup, biaya dan funding, per aset margin (tidak dijumlahkan).</translation>
    </message>
    <message>
        <source>%1: %2 trades · net %3</source>
        <translation>%1: %2 trade · bersih %3</translation>
    </message>
    <message>
        <source> (%1 open)</source>
        <translation> (%1 terbuka)</translation>
    </message>
    <message>
        <source> · win %1% of %2 closed</source>
        <translation> · profit %1% dari %2 tertutup</translation>
    </message>
    <message>
        <source> · none closed</source>
        <translation> · belum ada yang ditutup</translation>
    </message>
    <message>
        <source> · fees %1 · funding %2</source>
        <translation> · biaya %1 · funding %2</translation>
    </message>
    <message>
        <source>No trades match.</source>
        <translation>Tidak ada trade yang cocok.</translation>
    </message>
    <message>
        <source>Exported %1 trades to %2</source>
        <translation>%1 trade diekspor ke %2</translation>
    </message>
    <message>
        <source>Export trades</source>
        <translation>Ekspor trade</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Berkas CSV (*.csv)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Ekspor gagal</translation>
    </message>
    <message>
        <source>Could not export: %1</source>
        <translation>Tidak bisa mengekspor: %1</translation>
    </message>
    <message>
        <source>No trades match these filters.</source>
        <translation>Tidak ada trade yang cocok dengan filter ini.</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>Hapus filter</translation>
    </message>
    <message>
        <source>No trades match these filters: the start date is after the end date.</source>
        <translation>Tidak ada trade yang cocok dengan filter ini: tanggal mulai setelah tanggal akhir.</translation>
    </message>
</context>
</TS>
