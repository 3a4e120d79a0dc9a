#pragma once
// A version vector (docs/sharing.md, "Versions and conflicts"): device id -> how many edits of
// one note that device has made. Every local edit bumps this device's counter; a resolution
// takes the merge of both versions and then bumps. Comparing two vectors tells whether one
// version has seen the other (it dominates), they are the same version (equal), or neither has
// seen the other (concurrent: a conflict). Stored as compact JSON {"device": counter, ...} with
// the keys in order; a missing device counts 0, so {} is the version before any shared edit.

#include <QMap>
#include <QString>

namespace fb::journal {

class VersionVector
{
public:
    enum class Order {
        Equal,       // the same version
        Dominates,   // this has seen everything the other has, and more
        DominatedBy, // the other has seen everything this has, and more
        Concurrent,  // each has an edit the other has not seen
    };

    VersionVector() = default;
    // Unreadable JSON, or counters that are not positive whole numbers, read as {} (no edits).
    static VersionVector fromJson(const QString& json);
    QString toJson() const;

    qint64 counter(const QString& device) const { return m_counters.value(device, 0); }
    void set(const QString& device, qint64 counter);
    void bump(const QString& device) { m_counters[device] = counter(device) + 1; }
    bool isEmpty() const { return m_counters.isEmpty(); }
    // The componentwise maximum: a version that has seen both.
    static VersionVector merged(const VersionVector& a, const VersionVector& b);
    // How this version relates to `other`.
    Order compare(const VersionVector& other) const;
    // Short, for people: "3f2a…:2, 9c01…:1" (the first 4 digits of each device), or "none".
    QString text() const;

    bool operator==(const VersionVector& other) const = default;

private:
    QMap<QString, qint64> m_counters;
};

} // namespace fb::journal
