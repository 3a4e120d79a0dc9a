#pragma once
// Background threads run below the UI thread (issue 12, target 6a; docs/design.md D180).
//
// On two cores a demo sync keeps the sync thread, the journal's helpers and the demo exchange
// busy at once, and the UI thread, woken to paint, sometimes waited for a core: a 21 ms stall
// with 8-11 ms of its own CPU in it. Work that no window waits on therefore asks the scheduler
// for less: the desktop lowers its sync thread and demo exchange, and every EncodeAhead helper
// lowers itself (the writer that waits on it encodes an item itself rather than wait for a
// helper that has not started, D179). It lives in the journal library because every library
// that starts such a thread links it.

namespace fb::journal {

// Lowers the calling thread's scheduling priority: on Linux its nice value by 10 (at most 19;
// per thread there, not per process), elsewhere QThread::LowPriority. Never raises it; a
// refusal is ignored (a priority is a hint, not a requirement).
void lowerCurrentThreadPriority();

} // namespace fb::journal
