#include "sync/journal/run_status.h"

#include <array>
#include <utility>

namespace fb::journal {
namespace {

constexpr std::array<std::pair<RunStatus, const char*>, 8> kRunStatusNames{{
    {RunStatus::Running, "running"},
    {RunStatus::Completed, "completed"},
    {RunStatus::CompletedWithErrors, "completed_with_errors"},
    {RunStatus::Interrupted, "interrupted"},
    {RunStatus::Paused, "paused"},
    {RunStatus::Failed, "failed"},
    {RunStatus::Discarded, "discarded"},
    {RunStatus::Expired, "expired"},
}};

constexpr std::array<std::pair<SymbolStatus, const char*>, 5> kSymbolStatusNames{{
    {SymbolStatus::Pending, "pending"},
    {SymbolStatus::InProgress, "in_progress"},
    {SymbolStatus::Completed, "completed"},
    {SymbolStatus::Failed, "failed"},
    {SymbolStatus::Skipped, "skipped"},
}};

template <typename Enum, size_t N>
QString nameOf(const std::array<std::pair<Enum, const char*>, N>& table, Enum value)
{
    for (const auto& [e, name] : table) {
        if (e == value)
            return QLatin1String(name);
    }
    return {};
}

template <typename Enum, size_t N>
std::optional<Enum> parseName(const std::array<std::pair<Enum, const char*>, N>& table,
                              const QString& text)
{
    for (const auto& [e, name] : table) {
        if (text == QLatin1String(name))
            return e;
    }
    return std::nullopt;
}

} // namespace

QString runStatusName(RunStatus status)
{
    return nameOf(kRunStatusNames, status);
}
std::optional<RunStatus> parseRunStatus(const QString& name)
{
    return parseName(kRunStatusNames, name);
}
QString symbolStatusName(SymbolStatus status)
{
    return nameOf(kSymbolStatusNames, status);
}
std::optional<SymbolStatus> parseSymbolStatus(const QString& name)
{
    return parseName(kSymbolStatusNames, name);
}

} // namespace fb::journal
