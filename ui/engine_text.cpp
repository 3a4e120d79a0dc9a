#include "ui/engine_text.h"

#include <QRegularExpression>

#include <vector>

namespace fb::ui {

namespace {

// The engine's and the journal's sentences a person may see in the desktop, as they are written
// in sync/ (placeholders %1..%9 stand for the facts). Programmer errors ("Internal error: …")
// and the CLI's own texts are left out.
const char* const kTemplates[] = {
    QT_TRANSLATE_NOOP("EngineText", "The exchange returned algo order %1 after %2 for an algoId "
                                    "walk from %3; the walk stopped."),
    QT_TRANSLATE_NOOP("EngineText", "No API key and secret are configured; %1 needs them."),
    QT_TRANSLATE_NOOP("EngineText", "The exchange URL \"%1\" is not a valid URL."),
    QT_TRANSLATE_NOOP(
        "EngineText",
        "Refusing plain http:// for %1: API keys and account data may only travel over https (http "
        "is accepted for this computer's own simulator on 127.0.0.1, ::1 or localhost)."),
    QT_TRANSLATE_NOOP("EngineText", "Unsupported URL scheme \"%1\" for the exchange (use https)."),
    QT_TRANSLATE_NOOP(
        "EngineText",
        "Binance kept refusing %1 for exceeding its rate limit%2; requests are paused until %3."),
    QT_TRANSLATE_NOOP("EngineText", "Binance has banned this IP address for too many requests%1 "
                                    "until %2. The sync is paused until then."),
    QT_TRANSLATE_NOOP("EngineText",
                      "Binance rejected the request time even after re-synchronising the clock%1. "
                      "Check that this computer's clock is set automatically."),
    QT_TRANSLATE_NOOP("EngineText",
                      "Binance refused the API key%1. Check the API key and secret, the key's IP "
                      "whitelist, and that the key is allowed to read futures data."),
    QT_TRANSLATE_NOOP("EngineText", "Binance does not know the symbol %1%2; it is skipped."),
    QT_TRANSLATE_NOOP("EngineText", "Binance cannot be reached (%1). Check the network connection; "
                                    "the sync can continue when it is back."),
    QT_TRANSLATE_NOOP(
        "EngineText",
        "The secure connection for %1 failed (%2). Certificates are always verified."),
    QT_TRANSLATE_NOOP(
        "EngineText",
        "Fill %1 of %2: %3; it is stored as received and used in its trade at that time."),
    QT_TRANSLATE_NOOP("EngineText", "Its records could not be committed (%1); none of them was "
                                    "kept, and the next sync fetches them again."),
    QT_TRANSLATE_NOOP("EngineText", "Another program keeps the journal locked; close it (or wait "
                                    "for it to finish) and sync again."),
    QT_TRANSLATE_NOOP("EngineText", "Another sync took over this journal."),
    QT_TRANSLATE_NOOP("EngineText", "Another sync is using this journal."),
    QT_TRANSLATE_NOOP("EngineText",
                      "No API key and secret are configured for this account; add a read-only key "
                      "first. Nothing was synced and no run was created."),
    QT_TRANSLATE_NOOP("EngineText", "Run '%1' is %2; only interrupted or paused runs, or runs with "
                                    "failed symbols, can be resumed."),
    QT_TRANSLATE_NOOP("EngineText", "Run '%1' was started for account '%2' with other parameters; "
                                    "start a new sync instead (it fetches only what is missing)."),
    QT_TRANSLATE_NOOP("EngineText", "Run '%1' was started against %2, not %3; resume it against "
                                    "%2, or start a new sync for %3."),
    QT_TRANSLATE_NOOP("EngineText", "The exchange's ban on this IP lasts until %1, so nothing was "
                                    "sent (a request now would lengthen the ban)."),
    QT_TRANSLATE_NOOP(
        "EngineText",
        "The exchange's ban on this IP lasts until %1 by this computer's clock (the exchange's was "
        "not measured), so nothing was sent (a request now would lengthen the ban)."),
    QT_TRANSLATE_NOOP("EngineText", "Interrupted; everything committed is kept."),
    QT_TRANSLATE_NOOP("EngineText", "The exchange banned this IP until %1 for too many requests."),
    QT_TRANSLATE_NOOP("EngineText", "The network is unreachable (%1). The run is paused."),
    QT_TRANSLATE_NOOP("EngineText",
                      "The journal could not be written: %1. The last transaction was rolled back "
                      "and nothing committed was lost; fix the cause and sync again."),
    QT_TRANSLATE_NOOP(
        "EngineText",
        "The sync stopped on an unexpected error (%1); the last transaction was rolled back and "
        "nothing committed was lost, so sync again, and report the error if it repeats."),
    QT_TRANSLATE_NOOP("EngineText",
                      "The income ledger could not be fetched (%1). Everything committed is kept."),
    QT_TRANSLATE_NOOP("EngineText", "Paused after %1 (time limit)."),
    QT_TRANSLATE_NOOP("EngineText", "Stopped at a batch boundary."),
    QT_TRANSLATE_NOOP("EngineText", "Paused after %1 batches (batch limit)."),
    QT_TRANSLATE_NOOP(
        "EngineText",
        "Part of the income ledger could not be fetched; it is fetched again by the next sync."),
    QT_TRANSLATE_NOOP("EngineText", "Cannot re-attach the annotation of %1 to %2: %3"),
    QT_TRANSLATE_NOOP(
        "EngineText",
        "This journal uses schema %1 and must be upgraded to schema %2 before it can be read; open "
        "it once with Fillbook (or run 'fillbook-cli sync') to upgrade it."),
    QT_TRANSLATE_NOOP("EngineText", "The journal at %1 is not readable."),
    QT_TRANSLATE_NOOP("EngineText", "Could not create the folder %1 for the journal."),
    QT_TRANSLATE_NOOP("EngineText", "Could not create the journal file %1."),
    QT_TRANSLATE_NOOP("EngineText", "The desk server at %1 refused user '%2' with this password."),
    QT_TRANSLATE_NOOP("EngineText", "The desk server at %1:%2 has no database '%3'."),
    QT_TRANSLATE_NOOP("EngineText", "The desk server at %1 cannot be reached (%2)."),
    QT_TRANSLATE_NOOP("EngineText",
                      "The desk URL must look like postgresql://USER@HOST:PORT/DATABASE."),
    QT_TRANSLATE_NOOP("EngineText", "The desk URL needs a user, a host and a database: "
                                    "postgresql://USER@HOST:PORT/DATABASE."),
    QT_TRANSLATE_NOOP("EngineText",
                      "The desk URL has an unknown setting '%1' (known: sslmode, sslrootcert)."),
    QT_TRANSLATE_NOOP("EngineText", "The desk URL's sslmode '%1' is not one of %2."),
    QT_TRANSLATE_NOOP("EngineText",
                      "A desk server on another computer (%1) needs sslmode=verify-full: plain or "
                      "unverified connections are allowed to this computer only."),
    QT_TRANSLATE_NOOP("EngineText", "The desk refused this change: role '%1' may only read this "
                                    "desk."),
    QT_TRANSLATE_NOOP("EngineText",
                      "The desk refused this change: account %1 belongs to another trader."),
    QT_TRANSLATE_NOOP("EngineText",
                      "The desk server at %1 gives role '%2' no access to the desk; ask its admin "
                      "to run 'fillbook-cli desk grant-trader %2' or 'desk grant-reader %2'."),
    QT_TRANSLATE_NOOP("EngineText", "Qt's PostgreSQL driver is not installed (Debian: "
                                    "libqt6sql6-psql), so this Fillbook cannot share."),
    QT_TRANSLATE_NOOP("EngineText", "The desk server's schema is version %1, newer than this "
                                    "Fillbook knows (%2); update Fillbook to share with it."),
    QT_TRANSLATE_NOOP(
        "EngineText",
        "The desk server %1 has no Fillbook schema yet; run 'fillbook-cli desk init' first."),
    QT_TRANSLATE_NOOP(
        "EngineText",
        "The desk server %1 is at schema %2; run 'fillbook-cli desk init' to migrate it to %3."),
    QT_TRANSLATE_NOOP("EngineText",
                      "The journal is damaged: %1 (%2). Restore it from a backup, or move it aside "
                      "and re-sync: the raw exchange layer can be fetched again (notes and tags "
                      "live only in the journal and its backups)."),
    QT_TRANSLATE_NOOP(
        "EngineText",
        "The %1 of %2 was changed on this device and on device %3 (server change %4) without "
        "either seeing the other; both versions are kept until you keep one or merge them."),
    QT_TRANSLATE_NOOP("EngineText", "The exchange sent %1 %2 again with different content; its new "
                                    "version (%3) is kept and version %4 is in the history."),
    QT_TRANSLATE_NOOP(
        "EngineText",
        "The process running this sync stopped without finishing (crash, kill or power loss)."),
    QT_TRANSLATE_NOOP(
        "EngineText",
        "Not resumed within %1; its data is kept and the next sync fetches only what is missing."),
    QT_TRANSLATE_NOOP("EngineText", "Discarded by the user; the data it synced is kept."),
    QT_TRANSLATE_NOOP("EngineText",
                      "This journal was written by a newer version of Fillbook (schema %1; this "
                      "build knows up to %2). Update Fillbook to open it."),
    QT_TRANSLATE_NOOP(
        "EngineText",
        "The journal at %1 has no valid schema version (meta.schema_version = '%2')."),
    QT_TRANSLATE_NOOP("EngineText", "Could not copy the journal to %1 before upgrading its schema "
                                    "(%2); the journal was left as it was."),
    QT_TRANSLATE_NOOP("EngineText", "Another sync is already running on this journal: %1."),
    QT_TRANSLATE_NOOP("EngineText", "Another sync took over this journal (%1)."),
    QT_TRANSLATE_NOOP("EngineText",
                      "The journal holds an initial risk of trade %1 that it did not write; "
                      "rebuild the trades (they are derived from the raw records)."),
    QT_TRANSLATE_NOOP("EngineText",
                      "The journal holds a fee valuation of trade %1 that it did not write; "
                      "rebuild the trades (they are derived from the raw records)."),
    QT_TRANSLATE_NOOP("EngineText",
                      "The journal holds fill parts of trade %1 that it did not write; rebuild the "
                      "trades (they are derived from the raw records)."),
    QT_TRANSLATE_NOOP(
        "EngineText",
        "Trade %1 no longer exists after its lifecycle was rebuilt (for example an older fill "
        "arrived); its annotation is kept and can be re-attached to another trade."),
    QT_TRANSLATE_NOOP("EngineText", "The exchange sent %1 %2 in a form the journal cannot read "
                                    "(%3); it is kept as received and left out of trades."),
    QT_TRANSLATE_NOOP("EngineText",
                      "A %1 of %2 could not be read (%3); it is kept as received and listed under "
                      "Conflicts, and %2 is fetched again by the next sync."),
    QT_TRANSLATE_NOOP("EngineText", "%1; its records are kept as received, and %2 stays failed "
                                    "until the exchange corrects them."),
    QT_TRANSLATE_NOOP("EngineText",
                      "%1; the record is kept as received and listed under Conflicts, and %2 stays "
                      "failed until the exchange corrects it."),
    QT_TRANSLATE_NOOP("EngineText", "%1 failed after %2 attempt(s): %3%4."),
    QT_TRANSLATE_NOOP("EngineText", "%1 The run is paused."),
    QT_TRANSLATE_NOOP("EngineText",
                      "%1 This sync stopped before its next commit: what it committed before is "
                      "kept, nothing after the takeover was written."),
    QT_TRANSLATE_NOOP("EngineText", "%1 %2 income row(s) could not be read; they are kept as "
                                    "received and listed under Conflicts."),
    QT_TRANSLATE_NOOP("EngineText", "%1 of %2 symbols failed: %3."),
    QT_TRANSLATE_NOOP("EngineText", "%1 of %2 symbols failed: %3, and %4 more."),
    QT_TRANSLATE_NOOP("EngineText", "Sync completed."),
    QT_TRANSLATE_NOOP("EngineText",
                      "Reconciliation found %1 difference(s); see 'fillbook-cli reconcile %2'."),
    QT_TRANSLATE_NOOP("EngineText", "no complete answer within %1 ms"),
    QT_TRANSLATE_NOOP("EngineText", "connection closed by the server"),
    QT_TRANSLATE_NOOP("EngineText", "TLS certificate or handshake failure"),
};

struct CompiledTemplate
{
    const char* source = nullptr;
    QRegularExpression whole;   // the message is this sentence
    QRegularExpression leading; // this sentence, then more ("… The run is paused.")
    QList<int> placeholders;    // the placeholder numbers, in capture order
};

// "%1 of %2" -> "^(?<a1>.*?) of (?<a2>.*?)$"; a placeholder used twice must match the same text.
CompiledTemplate compile(const char* source)
{
    CompiledTemplate t;
    t.source = source;
    const QString text = QString::fromUtf8(source);
    static const QRegularExpression placeholder(QStringLiteral("%([1-9])"));
    QString pattern;
    qsizetype at = 0;
    QRegularExpressionMatchIterator it = placeholder.globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        pattern += QRegularExpression::escape(text.mid(at, m.capturedStart() - at));
        const int n = m.captured(1).toInt();
        if (t.placeholders.contains(n)) {
            pattern += QStringLiteral("\\k<a%1>").arg(n);
        } else {
            pattern += QStringLiteral("(?<a%1>.*?)").arg(n);
            t.placeholders << n;
        }
        at = m.capturedEnd();
    }
    pattern += QRegularExpression::escape(text.mid(at));
    const auto options = QRegularExpression::DotMatchesEverythingOption;
    t.whole = QRegularExpression(QStringLiteral("^") + pattern + QStringLiteral("$"), options);
    if (text.endsWith(QLatin1Char('.')))
        t.leading = QRegularExpression(
            QStringLiteral("^") + pattern + QStringLiteral("\\s+(?<rest>\\S.*)$"), options);
    return t;
}

const std::vector<CompiledTemplate>& compiledTemplates()
{
    static const std::vector<CompiledTemplate> all = [] {
        std::vector<CompiledTemplate> list;
        for (const char* source : kTemplates)
            list.push_back(compile(source));
        return list;
    }();
    return all;
}

// Replaces %1..%9 in one pass, so an argument holding "%2" is not substituted again.
QString substitute(const QString& translated, const QHash<int, QString>& values)
{
    QString out;
    out.reserve(translated.size() + 64);
    for (qsizetype i = 0; i < translated.size(); ++i) {
        const QChar c = translated.at(i);
        if (c == QLatin1Char('%') && i + 1 < translated.size()) {
            const int n = translated.at(i + 1).digitValue();
            if (n >= 1 && values.contains(n)) {
                out += values.value(n);
                ++i;
                continue;
            }
        }
        out += c;
    }
    return out;
}

QString translateDepth(const QString& english, int depth);

QString rebuild(const CompiledTemplate& t, const QRegularExpressionMatch& m, int depth)
{
    QHash<int, QString> values;
    for (int n : t.placeholders)
        values.insert(n, translateDepth(m.captured(QStringLiteral("a%1").arg(n)), depth + 1));
    return substitute(QCoreApplication::translate("EngineText", t.source), values);
}

QString translateDepth(const QString& english, int depth)
{
    // Arguments are facts (symbols, times, codes) or, a level or two down, engine sentences.
    if (english.isEmpty() || depth > 3)
        return english;
    for (const CompiledTemplate& t : compiledTemplates())
        if (const QRegularExpressionMatch m = t.whole.match(english); m.hasMatch())
            return rebuild(t, m, depth);
    for (const CompiledTemplate& t : compiledTemplates()) {
        if (!t.leading.isValid() || t.leading.pattern().isEmpty())
            continue;
        if (const QRegularExpressionMatch m = t.leading.match(english); m.hasMatch())
            return rebuild(t, m, depth) + QLatin1Char(' ') +
                   translateDepth(m.captured(QStringLiteral("rest")), depth);
    }
    return english;
}

} // namespace

QString EngineText::translate(const QString& english)
{
    return translateDepth(english, 0);
}

QStringList EngineText::templates()
{
    QStringList list;
    for (const char* source : kTemplates)
        list << QString::fromUtf8(source);
    return list;
}

} // namespace fb::ui
