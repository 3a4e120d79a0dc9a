#include "sync/simulator/simulator.h"

#include "sync/simulator/auth.h"
#include "sync/simulator/dataset.h"
#include "sync/simulator/endpoints.h"
#include "sync/simulator/generator.h"
#include "sync/simulator/jsonwriter.h"
#include "sync/simulator/logging.h"
#include "sync/simulator/server.h"

#include <QDateTime>

#include <array>

namespace fb::sim {
namespace {

// The three documented 503 answers (API sheet §4.2).
const std::array<std::pair<int, const char*>, 3> k503{{
    {-1000, "Unknown error, please check your request or try again later."},
    {-1000, "Service Unavailable."},
    {-1001, "Internal error; unable to process your request. Please try again."},
}};

QByteArray retryAfterSeconds(qint64 ms)
{
    return QByteArray::number(std::max<qint64>(1, (ms + 999) / 1000));
}

qint64 scaled(qint64 ms, const Decimal& scale)
{
    if (!scale.isPositive())
        return ms;
    const Decimal result = Decimal::fromInt(ms).divide(scale, 0);
    return std::max<qint64>(1, static_cast<qint64>(result.mantissa()));
}

} // namespace

Simulator::Simulator(const SimulatorConfig& config, QObject* parent)
    : QObject(parent)
    , m_config(config)
{
    if (!m_config.datasetPath.isEmpty()) {
        if (auto account = loadDataset(m_config.datasetPath, &m_error))
            m_account = std::move(*account);
    } else {
        GeneratorConfig g;
        g.seed = m_config.seed;
        g.symbols = m_config.symbols;
        g.fills = m_config.fills;
        g.days = m_config.days;
        g.hedge = m_config.hedge;
        g.nowMs = now();
        m_account = generateAccount(g);
    }
    init();
}

Simulator::Simulator(Account account, const SimulatorConfig& config, QObject* parent)
    : QObject(parent)
    , m_config(config)
    , m_account(std::move(account))
{
    init();
}

Simulator::~Simulator()
{
    // Drop the connections while the limiter, stats and account they use still exist.
    if (m_server)
        m_server->close();
}

void Simulator::init()
{
    m_startedAt = now();
    m_server =
        std::make_unique<HttpServer>([this](const HttpRequest& request, const QHostAddress& peer) {
            HttpOutcome outcome = handle(request, peer.toString());
            if (m_responseHook)
                m_responseHook(request, outcome);
            return outcome;
        });
    m_server->setLatencyMs(m_config.latencyMs);
    m_server->setLatencyJitterMs(m_config.latencyJitterMs);
    m_faults.setSeed(m_config.seed);
    m_faults.setSpec(m_config.faults);
    m_limiter.setLimits(rateLimits());
    m_reportedWindow = reportedWindow(m_limiter.limits().windowMs);
}

RateLimits Simulator::rateLimits() const
{
    RateLimits limits;
    limits.weightLimit = m_config.weightLimit;
    limits.windowMs = scaled(60000, m_config.timeScale);
    limits.firstBanMs = scaled(120000, m_config.timeScale);
    limits.maxBanMs = scaled(3LL * 86400000, m_config.timeScale);
    limits.requestsBeforeBan = m_config.requestsBeforeBan;
    return limits;
}

bool Simulator::listen(quint16 port, QString* error)
{
    if (!isValid()) {
        if (error)
            *error = m_error;
        return false;
    }
    return m_server->listen(QHostAddress::LocalHost, port, error);
}

void Simulator::close()
{
    m_server->close();
}

bool Simulator::isListening() const
{
    return m_server->isListening();
}

quint16 Simulator::port() const
{
    return m_server->port();
}

QUrl Simulator::baseUrl() const
{
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(port());
    return url;
}

void Simulator::setClock(std::function<qint64()> nowMs)
{
    m_config.clock = std::move(nowMs);
    m_startedAt = now();
}

qint64 Simulator::now() const
{
    return m_config.clock ? m_config.clock() : QDateTime::currentMSecsSinceEpoch();
}

qint64 Simulator::serverTime() const
{
    return now() + m_faults.spec().skewMs;
}

bool Simulator::setFaults(const QString& spec, QString* error)
{
    const auto parsed = FaultSpec::parse(spec, error);
    if (parsed)
        setFaults(*parsed);
    return parsed.has_value();
}

void Simulator::setFaults(const FaultSpec& faults)
{
    m_config.faults = faults;
    m_faults.setSpec(faults);
    m_banAfterFired = false;
}

void Simulator::setLatencyMs(int ms)
{
    m_config.latencyMs = ms;
    m_server->setLatencyMs(ms);
}

void Simulator::setLatencyJitterMs(int ms)
{
    m_config.latencyJitterMs = ms;
    m_server->setLatencyJitterMs(ms);
}

void Simulator::setWeightLimit(qint64 limit)
{
    m_config.weightLimit = limit;
    m_limiter.setLimits(rateLimits());
}

QJsonObject Simulator::stats() const
{
    QJsonObject s = m_stats.toJson();
    s.insert(QStringLiteral("connectionsAccepted"), m_server->connectionsAccepted());
    s.insert(QStringLiteral("openConnections"), m_server->connectionCount());
    return s;
}

QString Simulator::statsText() const
{
    return m_stats.toText() +
           QStringLiteral("connections accepted %1\n").arg(m_server->connectionsAccepted());
}

QByteArray Simulator::sign(const QByteArray& payload, const QByteArray& secret)
{
    return hmacSha256Hex(secret, payload);
}

QByteArray Simulator::signQuery(const QByteArray& query) const
{
    QByteArray q = query;
    if (!q.isEmpty())
        q += '&';
    q += "timestamp=" + QByteArray::number(serverTime());
    return q + "&signature=" + sign(q, m_config.apiSecret);
}

HttpOutcome Simulator::handle(const HttpRequest& request, const QString& ip)
{
    const qint64 clock = now();
    const qint64 server = serverTime();
    HttpOutcome outcome;
    HttpResponse& r = outcome.response;
    r.setHeader("Content-Type", "application/json");
    const auto answer = [&](const ApiError& e) {
        r.status = e.httpStatus;
        r.body = e.body();
    };

    if (request.errorStatus != 0) {
        answer({request.errorStatus, -1000,
                QStringLiteral("Malformed request: %1").arg(QLatin1String(request.errorReason))});
        r.close = true;
        r.setHeader(m_reportedWindow.header, QByteArray::number(m_limiter.usedWeight(ip, clock)));
        m_stats.recordMalformed();
        m_stats.recordRequest(QStringLiteral("(malformed)"), 0, r.status);
        return outcome;
    }
    if (request.path == "/sim/stats" && request.method == "GET") {
        // The simulator's own endpoint: unsigned, weightless, never faulty, not counted.
        r.body = compactJson(stats());
        return outcome;
    }
    const Route* route = findRoute(request.path);
    if (!route || request.method != "GET") {
        answer(errors::notFound(request.method, request.path));
        r.setHeader(m_reportedWindow.header, QByteArray::number(m_limiter.usedWeight(ip, clock)));
        m_stats.recordRequest(QStringLiteral("(unknown)"), 0, r.status);
        return outcome;
    }

    const QueryParams params = QueryParams::parse(request.query);
    const QString endpoint = QLatin1String(route->path);
    qint64 weight = routeWeight(*route, params);
    ++m_requestCount;
    const FaultSpec& spec = m_faults.spec();
    if (spec.banAfter >= 0 && !m_banAfterFired &&
        m_requestCount > static_cast<quint64>(spec.banAfter)) {
        m_banAfterFired = true;
        m_limiter.ban(ip, clock);
        m_stats.recordFault(QStringLiteral("ban-after"));
    }
    const RateDecision decision = m_limiter.admit(ip, weight, clock);
    r.setHeader(m_reportedWindow.header, QByteArray::number(decision.usedWeight));
    const auto done = [&] {
        m_stats.recordRequest(endpoint, weight, r.status);
        qCDebug(lcSim) << request.method << request.path << r.status << "weight" << weight;
        emit requestServed(endpoint, r.status);
        return outcome;
    };
    if (decision.kind == RateDecision::Kind::Banned) {
        weight = 0;
        answer({418, -1003,
                QStringLiteral("Way too many requests; IP banned until %1. Please use the "
                               "websocket for live updates to avoid bans.")
                    .arg(decision.bannedUntil + spec.skewMs)});
        r.setHeader("Retry-After", retryAfterSeconds(decision.retryAfterMs));
        m_stats.recordBanned();
        return done();
    }
    if (decision.kind == RateDecision::Kind::Limited) {
        answer({429, -1003,
                QStringLiteral("Too many requests; current limit is %1 requests per minute. Please "
                               "use the websocket for live updates to avoid polling the API.")
                    .arg(m_config.weightLimit)});
        r.setHeader("Retry-After", retryAfterSeconds(decision.retryAfterMs));
        m_stats.recordRateLimited();
        return done();
    }

    // Faults: never on /fapi/v1/time, so that a client can always measure the clock.
    FaultKind fault = FaultKind::None;
    if (request.path != "/fapi/v1/time") {
        const quint64 index = m_faultIndex++;
        if (params.has("symbol") && spec.failSymbols.contains(params.value("symbol"))) {
            answer(errors::unknown());
            m_stats.recordFault(QStringLiteral("fail-symbol"));
            return done();
        }
        if (params.has("symbol") && spec.hangSymbols.contains(params.value("symbol"))) {
            fault = FaultKind::Hang;
            m_stats.recordFault(QStringLiteral("hang-symbol"));
        } else {
            fault = m_faults.draw(index);
        }
        if (fault != FaultKind::None)
            m_stats.recordFault(faultName(fault));
        if (fault == FaultKind::Http500) {
            answer(errors::unknown());
            return done();
        }
        if (fault == FaultKind::Http503) {
            const auto& [code, msg] = k503[m_faults.variant(index, static_cast<int>(k503.size()))];
            answer({503, code, QLatin1String(msg)});
            return done();
        }
        if (fault == FaultKind::Http429) {
            // Spurious: the limiter's state is untouched, so it never leads to a ban.
            const qint64 window = m_limiter.limits().windowMs;
            answer({429, -1003,
                    QStringLiteral("Too many requests; current limit is %1 requests per minute. "
                                   "Please use the websocket for live updates to avoid polling "
                                   "the API.")
                        .arg(m_config.weightLimit)});
            r.setHeader("Retry-After", retryAfterSeconds(window - clock % window));
            return done();
        }
    }

    const EndpointContext ctx{m_account,
                              params,
                              server,
                              m_config.freezeRetention ? m_startedAt + spec.skewMs : server,
                              static_cast<qint64>(m_config.retentionDays) * 86400000,
                              m_config.weightLimit,
                              m_reportedWindow.interval,
                              m_reportedWindow.intervalNum,
                              m_config.apiRestrictions,
                              m_config.seed,
                              m_config.klinePairs,
                              spec.incomeMaxDays * 86400000,
                              m_config.candlelessSymbols};
    std::optional<ApiError> refused;
    if (route->security == Security::UserData)
        refused = checkUserData(request, params, {m_config.apiKey, m_config.apiSecret},
                                {5000, m_config.maxRecvWindow}, server);
    if (!refused) {
        if (const auto dup = params.duplicate())
            refused = errors::duplicateParam(*dup);
    }
    if (refused) {
        answer(*refused);
    } else {
        const EndpointResult result = route->handler(ctx);
        r.status = result.status;
        r.body = result.body;
        if (spec.incomeMaxDays > 0 && result.status == 400 && request.path == "/fapi/v1/income")
            m_stats.recordFault(QStringLiteral("income-max-days")); // the span was refused
    }

    switch (fault) {
    case FaultKind::Reset:
        outcome.delivery = Delivery::Reset;
        break;
    case FaultKind::Hang:
        outcome.delivery = Delivery::Hang;
        break;
    case FaultKind::Truncate:
        outcome.delivery = Delivery::Truncate;
        break;
    case FaultKind::BadJson:
        r.body = r.body.left(std::max<qsizetype>(1, r.body.size() / 2));
        break;
    default:
        break;
    }
    return done();
}

} // namespace fb::sim
