#pragma once
// The checks every record-page target makes (fuzz_fill_record.cpp and its siblings): a page is
// either refused with a reason or parsed into one record per element of the array, each with
// the element's verbatim bytes as `raw`, the caller's account, and fields that survive a trip
// through the record's own JSON shape (toJson -> fromJson) unchanged.

#include "fuzz_support.h"

#include "models/domain/records.h"
#include "models/domain/unreadable_record.h"
#include "sync/binance/json_array.h"

#include <QList>

#include <optional>
#include <type_traits>

namespace fb::fuzz {

inline bool sameText(const Decimal& a, const Decimal& b)
{
    return a.mantissa() == b.mantissa() && a.scale() == b.scale();
}

inline bool sameText(const std::optional<Decimal>& a, const std::optional<Decimal>& b)
{
    return a.has_value() == b.has_value() && (!a || sameText(*a, *b));
}

// A parser that can set unreadable elements aside (fills, income, orders) takes a fourth
// argument; null keeps it strict (one unreadable element refuses the page).
template <class Parse>
constexpr bool kSetsAside = std::is_invocable_v<Parse, const QByteArray&, const QString&, QString*,
                                                QList<UnreadableRecord>*>;

// Lenient mode: every element is either a record or set aside (verbatim, with a reason), in
// the page's order; a page the strict mode reads whole sets nothing aside.
template <class Record, class Parse>
void checkSetAside(const QByteArray& body, Parse parse, const std::optional<QList<Record>>& strict)
{
    QString error;
    QList<UnreadableRecord> setAside;
    const std::optional<QList<Record>> records = parse(body, account(), &error, &setAside);
    FUZZ_CHECK(records.has_value() == error.isEmpty());
    if (!records)
        return;
    const auto elements = binance::splitJsonArray(body);
    FUZZ_CHECK(elements.has_value());
    FUZZ_CHECK(records->size() + setAside.size() == elements->size());
    for (const UnreadableRecord& u : std::as_const(setAside)) {
        FUZZ_CHECK(!u.reason.isEmpty());
        FUZZ_CHECK(elements->contains(u.raw));
    }
    if (strict) {
        FUZZ_CHECK(setAside.isEmpty());
        FUZZ_CHECK(records->size() == strict->size());
    }
}

// Parse: (body, account, error[, unreadable]) -> optional<QList<Record>>; Same: (a, b) -> bool.
template <class Record, class Parse, class Same>
void fuzzRecordPage(const std::uint8_t* data, std::size_t size, Parse parse, Same same)
{
    const QByteArray body = bytes(data, size);
    QString error;
    std::optional<QList<Record>> records;
    if constexpr (kSetsAside<Parse>) {
        records = parse(body, account(), &error, nullptr);
        checkSetAside<Record>(body, parse, records);
    } else {
        records = parse(body, account(), &error);
    }
    FUZZ_CHECK(records.has_value() == error.isEmpty());
    if (!records)
        return;
    const auto elements = binance::splitJsonArray(body);
    FUZZ_CHECK(elements.has_value());
    FUZZ_CHECK(elements->size() == records->size());
    for (qsizetype i = 0; i < records->size(); ++i) {
        const Record& record = records->at(i);
        FUZZ_CHECK(record.raw == elements->at(i));
        FUZZ_CHECK(record.account == account());
        QString again;
        const auto reread = Record::fromJson(record.toJson(), account(), &again);
        if (!reread)
            std::fprintf(stderr, "re-reading toJson() failed: %s\n", qPrintable(again));
        FUZZ_CHECK(reread.has_value());
        FUZZ_CHECK(same(record, *reread));
    }
}

} // namespace fb::fuzz
