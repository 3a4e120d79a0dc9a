#pragma once
// Deterministic pseudo-random numbers for the generator and the fault injector.
//
// Integers only: prices and quantities are drawn as integer ticks and steps, probabilities are
// parts per million. The same seed gives the same stream on every platform (no std::
// distributions, whose output is implementation-defined).

#include <cstdint>

namespace fb::sim {

// Stateless 64-bit mixer (SplitMix64's finaliser): a good hash of (seed, index) pairs.
constexpr std::uint64_t mix64(std::uint64_t x)
{
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

constexpr std::uint64_t mix64(std::uint64_t a, std::uint64_t b)
{
    return mix64(mix64(a) ^ (b + 0x632be59bd9b4e019ULL));
}

// xoshiro256**: fast, small state, good statistical quality.
class Rng
{
public:
    explicit Rng(std::uint64_t seed)
    {
        std::uint64_t s = seed;
        for (auto& word : m_state) {
            s = mix64(s);
            word = s;
        }
    }

    std::uint64_t next()
    {
        const std::uint64_t result = rotl(m_state[1] * 5, 7) * 9;
        const std::uint64_t t = m_state[1] << 17;
        m_state[2] ^= m_state[0];
        m_state[3] ^= m_state[1];
        m_state[1] ^= m_state[2];
        m_state[0] ^= m_state[3];
        m_state[2] ^= t;
        m_state[3] = rotl(m_state[3], 45);
        return result;
    }

    // Uniform in [0, n), unbiased (rejection of the short top slice). n == 0 gives 0.
    std::uint64_t below(std::uint64_t n)
    {
        if (n == 0)
            return 0;
        const std::uint64_t threshold = (0 - n) % n;
        for (;;) {
            const std::uint64_t r = next();
            if (r >= threshold)
                return r % n;
        }
    }

    // Uniform in [lo, hi] (inclusive); lo > hi gives lo.
    std::int64_t range(std::int64_t lo, std::int64_t hi)
    {
        if (hi <= lo)
            return lo;
        return lo + static_cast<std::int64_t>(below(static_cast<std::uint64_t>(hi - lo) + 1));
    }

    // True with probability ppm / 1,000,000.
    bool chancePpm(std::uint32_t ppm) { return below(1000000) < ppm; }
    bool percent(int p) { return below(100) < static_cast<std::uint64_t>(p); }

private:
    static constexpr std::uint64_t rotl(std::uint64_t x, int k)
    {
        return (x << k) | (x >> (64 - k));
    }

    std::uint64_t m_state[4] = {};
};

} // namespace fb::sim
