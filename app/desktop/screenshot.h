#pragma once
// --screenshot: run one sync to its end, show the chosen tab, grab the window into a PNG and
// quit; prints the longest main-thread stall measured during the sync.

#include <QObject>
#include <QString>

namespace fb::ui {
class MainWindow;
}

namespace fb::desktop {

class ScreenshotRun : public QObject
{
    Q_OBJECT
public:
    ScreenshotRun(ui::MainWindow& window, const QString& path, const QString& tab,
                  QObject* parent = nullptr);
    void start();
    // The trade selected in the Trades tab (its key); empty: the third row.
    void selectTrade(const QString& key) { m_tradeKey = key; }
    // The symbols chosen in the Trades tab's filter (several: "3 symbols").
    void filterSymbols(const QStringList& symbols) { m_symbols = symbols; }

private:
    void captureAfterCandles(); // the trades tab: once the candle fetch has ended
    void capture();

    ui::MainWindow& m_window;
    QString m_path;
    QString m_tab;
    QString m_tradeKey;
    bool m_captured = false; // the trades tab waits for the candle fetch, once
    QStringList m_symbols;
};

} // namespace fb::desktop
