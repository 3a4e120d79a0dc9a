#pragma once
// Runs one sync (new or resumed) on the engine's worker thread and reports it on the terminal:
// a live progress line on a TTY, plain lines otherwise, or one JSON object per event with
// --json-progress. SIGINT/SIGTERM interrupt the run (committed work is kept; exit 130).

#include "app/cli/cli_common.h"
#include "sync/engine/engine_config.h"
#include "sync/engine/run_types.h"

namespace fb::cli {

enum class ProgressStyle { Live, Lines, Json };

struct SessionOptions
{
    ProgressStyle style = ProgressStyle::Lines;
    bool colour = false;
};

// Starts `params` (or resumes `resumeRunId` when non-empty) and blocks in an event loop until
// the run ends. Returns the process exit code of the run (sync::exit_code).
int runSyncSession(Context& context, const sync::EngineConfig& config,
                   const sync::RunParams& params, const QString& resumeRunId,
                   const SessionOptions& options);

} // namespace fb::cli
