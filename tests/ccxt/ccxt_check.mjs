// Checks that ccxt — a Binance client nobody on this project wrote — accepts fillbook-sim:
// loadMarkets (exchangeInfo), fetchTime, fetchMyTrades and fetchLedger, all signed by ccxt
// itself. Environment: SIM_URL (http://127.0.0.1:PORT), KEY, SECRET. Exits non-zero on failure.
import ccxt from 'ccxt';

const { SIM_URL, KEY, SECRET } = process.env;
if (!SIM_URL || !KEY || !SECRET) {
    console.error('ccxt_check: set SIM_URL, KEY and SECRET');
    process.exit(2);
}

function fail(message) {
    console.error(`ccxt_check: FAIL: ${message}`);
    process.exit(1);
}

const exchange = new ccxt.binanceusdm({
    apiKey: KEY,
    secret: SECRET,
    options: { fetchCurrencies: false },
});

// Point every API family at the simulator, keeping each URL's path: fapiPublic and fapiPrivate
// -> SIM/fapi/v1, fapiPrivateV2/V3 -> SIM/fapi/v2|v3, sapi -> SIM/sapi/v1, and so on. Families
// the simulator does not serve (dapi, eapi, papi, spot) would get a 404 if ccxt ever used them.
const base = SIM_URL.replace(/\/+$/, '');
for (const [name, url] of Object.entries(exchange.urls.api)) {
    exchange.urls.api[name] = base + new URL(url).pathname;
}
console.log(`fapiPublic  -> ${exchange.urls.api.fapiPublic}`);
console.log(`fapiPrivate -> ${exchange.urls.api.fapiPrivate}`);
console.log(`sapi        -> ${exchange.urls.api.sapi}`);

try {
    const markets = await exchange.loadMarkets();
    const btc = markets['BTC/USDT:USDT'];
    if (!btc) fail('loadMarkets has no BTC/USDT:USDT');
    console.log(`loadMarkets: ${Object.keys(markets).length} markets; BTC/USDT:USDT id=${btc.id} ` +
        `type=${btc.type} linear=${btc.linear} settle=${btc.settle} ` +
        `precision.price=${btc.precision.price} precision.amount=${btc.precision.amount}`);

    const time = await exchange.fetchTime();
    if (!Number.isInteger(time)) fail(`fetchTime returned ${time}`);
    console.log(`fetchTime: ${time} (${new Date(time).toISOString()})`);

    const since = time - 6 * 86400000;
    const trades = await exchange.fetchMyTrades('BTC/USDT:USDT', since);
    if (trades.length === 0) fail('fetchMyTrades returned no trades');
    for (const t of trades) {
        if (t.symbol !== 'BTC/USDT:USDT' || t.timestamp < since || !(t.amount > 0) || !(t.price > 0))
            fail(`fetchMyTrades parsed a bad trade: ${JSON.stringify(t)}`);
    }
    const t = trades[trades.length - 1];
    console.log(`fetchMyTrades: ${trades.length} trades since ${new Date(since).toISOString()}; ` +
        `last: id=${t.id} order=${t.order} ${t.side} ${t.amount} @ ${t.price} cost=${t.cost} ` +
        `fee=${t.fee.cost} ${t.fee.currency} takerOrMaker=${t.takerOrMaker} ` +
        `realizedPnl=${t.info.realizedPnl} ${t.datetime}`);

    const ledger = await exchange.fetchLedger(undefined, time - 30 * 86400000, 1000);
    if (ledger.length === 0) fail('fetchLedger returned nothing');
    const types = {};
    for (const e of ledger) {
        types[e.info.incomeType] = (types[e.info.incomeType] || 0) + 1;
        if (!e.id || !e.currency || e.amount === undefined) fail(`bad ledger entry ${JSON.stringify(e)}`);
    }
    const e = ledger[0];
    console.log(`fetchLedger: ${ledger.length} entries from ${ledger[0].datetime} to ` +
        `${ledger[ledger.length - 1].datetime}; by incomeType ${JSON.stringify(types)}`);
    console.log(`  first: id=${e.id} type=${e.type} direction=${e.direction} amount=${e.amount} ` +
        `${e.currency} referenceId=${e.referenceId}`);

    // FUNDING_FEE tranIds are above 2^53 and one is exactly 4480321991774044580. ccxt re-parses a
    // body holding unsafe integers with numbers quoted, so it must see those digits exactly.
    const wanted = '4480321991774044580';
    let exact;
    for (let start = time - 89 * 86400000; start < time && !exact; start += 7 * 86400000) {
        const page = await exchange.fetchLedger(undefined, start, 1000,
            { until: start + 7 * 86400000 - 1, incomeType: 'FUNDING_FEE' });
        exact = page.find((x) => x.id === wanted);
    }
    if (!exact) fail(`no ledger entry with id ${wanted} (a tranId above 2^53 lost its digits)`);
    console.log(`  tranId above 2^53: id=${exact.id} ${exact.amount} ${exact.currency} ` +
        `at ${exact.datetime} (exact)`);
    console.log('ccxt_check: OK');
} catch (error) {
    fail(`${error.constructor.name}: ${error.message}`);
}
