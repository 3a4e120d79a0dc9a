#pragma once
// Accounts as JSON files (`--dataset FILE`; format in docs/simulator.md):
//   {"hedgeMode": false, "symbols": ["BTCUSDT", ...], "fills": [...], "income": [...],
//    "orders": [...], "positions": [...]}
// Elements are shaped exactly like the API's response elements and are served verbatim.

#include "sync/simulator/account.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace fb::sim {

std::optional<Account> loadDataset(const QString& path, QString* error = nullptr);
std::optional<Account> parseDataset(const QByteArray& json, QString* error = nullptr);

// The account in the dataset format (deterministic: symbols in account order, records sorted).
QByteArray datasetJson(const Account& account);
bool saveDataset(const Account& account, const QString& path, QString* error = nullptr);

} // namespace fb::sim
