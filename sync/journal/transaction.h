#pragma once
// RAII transactions (style.md: "roll back when unwinding").
//
// A Transaction begins on construction (BEGIN IMMEDIATE for writers, so the write lock is taken
// up front and a busy database is reported at BEGIN rather than half-way through a batch),
// commits only when commit() is called, and rolls back in its destructor otherwise, including
// while an exception unwinds. SQLITE_BUSY/LOCKED at BEGIN or COMMIT is retried a few times with
// a short backoff on top of SQLite's own busy timeout; then a Busy JournalError is thrown.
//
// A Savepoint nests inside an open Transaction: the sync engine uses one per symbol so that a
// symbol that fails is undone while the batch's other symbols still commit.
//
// WriteScope is for store methods: it joins the caller's transaction if there is one and opens
// (and commits) its own otherwise.

#include "sync/journal/database.h"

#include <optional>

namespace fb::journal {

class Transaction
{
public:
    enum class Mode {
        Immediate, // writers: take the write lock now
        Deferred,  // readers: a consistent snapshot across several queries
    };

    explicit Transaction(Database& db, Mode mode = Mode::Immediate);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

    // Throws JournalError; the transaction then stays open and the destructor rolls it back.
    void commit();
    // Explicit rollback; never throws (a failed rollback is logged: SQLite may already have
    // rolled back by itself after SQLITE_FULL or an I/O error).
    void rollback() noexcept;
    bool isActive() const { return m_active; }
    Database& database() { return m_db; }

private:
    // Runs BEGIN/COMMIT, retrying while SQLite reports busy.
    void execWithBusyRetry(const QString& sql, const QString& what);

    Database& m_db;
    bool m_active = false;
};

class Savepoint
{
public:
    // Requires an open Transaction on `db`.
    explicit Savepoint(Database& db);
    ~Savepoint();
    Savepoint(const Savepoint&) = delete;
    Savepoint& operator=(const Savepoint&) = delete;

    void release();
    void rollback() noexcept;
    bool isActive() const { return m_active; }

private:
    Database& m_db;
    QString m_name;
    bool m_active = false;
};

class WriteScope
{
public:
    explicit WriteScope(Database& db);
    // Commits the scope's own transaction; a no-op inside the caller's transaction.
    void commit();

private:
    std::optional<Transaction> m_own;
};

} // namespace fb::journal
