#pragma once
// The engine's sentences in the UI's language. The engine and the journal report why a run
// stopped, why a symbol failed or why a journal cannot be opened as English facts (stored with
// the run, printed by the CLI, which stays English); the desktop shows them translated. Each
// sentence the engine writes is listed here as its English template ("Binance cannot be
// reached (%1). …"); a message that matches a template, whole or as its leading sentence, is
// rebuilt from the translated template with the same arguments (themselves translated when they
// are engine sentences). Anything else is shown as the engine wrote it (docs/design.md D110).
// test_engine_text checks that every template still occurs in the engine's sources.

#include <QCoreApplication>
#include <QString>
#include <QStringList>

namespace fb::ui {

class EngineText
{
    Q_DECLARE_TR_FUNCTIONS(EngineText)
public:
    // `english` in the UI's language when it is (made of) known engine sentences; else unchanged.
    static QString translate(const QString& english);
    // The English templates, in catalogue order (for tests).
    static QStringList templates();
};

} // namespace fb::ui
