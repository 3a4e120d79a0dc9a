#pragma once
// USER_DATA security (API sheet §2): API key header, HMAC-SHA256 signature over the raw query
// as received, and the timestamp/recvWindow rule.

#include "sync/simulator/http.h"
#include "sync/simulator/params.h"

#include <optional>

namespace fb::sim {

// Lower-case hex HMAC-SHA256(key = secret, message).
QByteArray hmacSha256Hex(const QByteArray& secret, const QByteArray& message);

// The signed payload: the raw query string up to (not including) the final "&signature=...".
// Returns nullopt when `signature` is not the last parameter.
std::optional<QByteArray> signedPayload(const QByteArray& rawQuery);

struct Credentials
{
    QByteArray apiKey;
    QByteArray apiSecret;
};

struct AuthRules
{
    qint64 defaultRecvWindow = 5000;
    qint64 maxRecvWindow = 60000; // larger -> -1130 (spot/options rule; unconfirmed on USD-M)
};

// Checks, in this order: X-MBX-APIKEY (-2015), timestamp present and an integer (-1102/-1100),
// recvWindow an integer within the maximum (-1100/-1130), the timing rule (-1021), a signature
// present (-1102), last (-1022) and matching (-1022, hex compared case-insensitively).
std::optional<ApiError> checkUserData(const HttpRequest& request, const QueryParams& params,
                                      const Credentials& credentials, const AuthRules& rules,
                                      qint64 serverTime);

} // namespace fb::sim
