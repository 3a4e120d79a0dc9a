#pragma once
// The demo account's credentials. They are public on purpose: the simulator only listens on
// loopback, and the CLI's demo mode uses these constants to talk to an in-process simulator.

namespace fb::sim {

inline constexpr char kDemoApiKey[] =
    "fbSimDemoKey0vD3mT8qLx2NwR5yKc7HjP4sZa9Ue6GbXf1Mo3Ti8Wn5Yr2Qk7Ls4Ah";
inline constexpr char kDemoApiSecret[] =
    "fbSimDemoSecret4Gh9Kd2Lm7Np3Qr8St5Uv1Wx6Yz0Ab4Cd9Ef2Gh7Ij3Kl8Mn5";

} // namespace fb::sim
