#pragma once
// Fault injection (`--faults SPEC`), deterministic for a seed: whether request number n gets a
// fault, and which, depends only on (seed, n).
//
// SPEC is a comma-separated list of key=value:
//   http500=P http503=P reset=P hang=P truncate=P badjson=P http429=P   probabilities in [0, 1]
//   skew=MS            server clock offset (may be negative); applies to /fapi/v1/time too
//   fail-symbol=SYM    every request naming that symbol gets a 500 (repeatable)
//   hang-symbol=SYM    every request naming that symbol hangs (part of the answer, then
//                      silence; repeatable)
//   ban-after=N        the IP is banned (418, escalating like a real ban) after N requests
//   income-max-days=N  GET /fapi/v1/income refuses a startTime..endTime span longer than N days
//                      with 400 -1127 "More than %s hours between startTime and endTime." (the
//                      real maximum is undocumented, API sheet §5.3; issue 12)

#include <QString>
#include <QStringList>

#include <optional>

namespace fb::sim {

enum class FaultKind { None, Http500, Http503, Reset, Hang, Truncate, BadJson, Http429 };

QString faultName(FaultKind kind); // "http500", ... as in the spec

struct FaultSpec
{
    // Probabilities in parts per million (exact: parsed from decimal text, never a double).
    quint32 http500 = 0;
    quint32 http503 = 0;
    quint32 reset = 0;
    quint32 hang = 0;
    quint32 truncate = 0;
    quint32 badJson = 0;
    quint32 http429 = 0;
    qint64 skewMs = 0;
    QStringList failSymbols;
    QStringList hangSymbols;
    qint64 banAfter = -1;     // -1 = never
    qint64 incomeMaxDays = 0; // 0 = any span

    static std::optional<FaultSpec> parse(const QString& text, QString* error = nullptr);
    QString toString() const;
    bool operator==(const FaultSpec&) const = default;
};

class FaultInjector
{
public:
    explicit FaultInjector(quint64 seed = 1)
        : m_seed(seed)
    {}
    void setSeed(quint64 seed) { m_seed = seed; }
    void setSpec(const FaultSpec& spec) { m_spec = spec; }
    const FaultSpec& spec() const { return m_spec; }

    // The random fault (or None) for fault-eligible request number `index`.
    FaultKind draw(quint64 index) const;
    // A second, independent draw in [0, n) for the same request (e.g. which 503 message).
    int variant(quint64 index, int n) const;

private:
    quint64 m_seed;
    FaultSpec m_spec;
};

} // namespace fb::sim
