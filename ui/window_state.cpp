#include "ui/window_state.h"

#include "ui/main_window.h"

#include <QSettings>

namespace fb::ui {

WindowState WindowState::load()
{
    QSettings s;
    s.beginGroup(QStringLiteral("window"));
    WindowState state;
    state.geometry = s.value(QStringLiteral("geometry")).toByteArray();
    state.trades.header = s.value(QStringLiteral("tradeColumns")).toByteArray();
    state.trades.splitter = s.value(QStringLiteral("tradeSplitter")).toByteArray();
    return state;
}

void WindowState::save() const
{
    QSettings s;
    s.beginGroup(QStringLiteral("window"));
    s.setValue(QStringLiteral("geometry"), geometry);
    s.setValue(QStringLiteral("tradeColumns"), trades.header);
    s.setValue(QStringLiteral("tradeSplitter"), trades.splitter);
}

WindowState WindowState::of(const MainWindow& window)
{
    return WindowState{window.saveGeometry(), window.tradesView()->layoutState()};
}

bool WindowState::applyTo(MainWindow& window) const
{
    window.tradesView()->restoreLayout(trades);
    return !geometry.isEmpty() && window.restoreGeometry(geometry);
}

} // namespace fb::ui
