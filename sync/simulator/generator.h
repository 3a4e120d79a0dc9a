#pragma once
// The deterministic synthetic account: the same (seed, options, now) always gives the same
// account, byte for byte. See docs/simulator.md for what it contains and why.

#include "sync/simulator/account.h"

namespace fb::sim {

struct GeneratorConfig
{
    quint64 seed = 1;
    int symbols = 30;
    int fills = 20000;
    int days = 90;
    bool hedge = false;
    qint64 nowMs = 0; // the end of the history ("now"); 0 = the wall clock
};

Account generateAccount(const GeneratorConfig& config);

} // namespace fb::sim
