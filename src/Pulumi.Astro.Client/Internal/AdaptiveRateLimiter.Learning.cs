using System.Net.Http.Headers;

namespace Pulumi.Astro.Client.Internal;

// What the limiter learns from answers: the episodes of 429s, the estimate of the server's rate, the pace and its
// recovery, the pacing bucket and the quota headers. The rules are in the class remarks (AdaptiveRateLimiter.cs).
internal sealed partial class AdaptiveRateLimiter
{
    private void Learn(RequestLease lease, int status, HttpResponseHeaders headers, double now)
    {
        var utcNow = _time.GetUtcNow();
        if (status == 429)
            Throttled(lease, RetryAfter.Parse(headers, utcNow), now);
        else
            Admitted(lease, now);
        if (RateLimitHeaders.Parse(headers, utcNow) is { } quota && quota.Reset > TimeSpan.Zero && quota.Reset < _maxHold)
        {
            // The requests still in flight will take from what the server says is left.
            _quota = quota.Remaining - _inFlight;
            _quotaUntil = now + quota.Reset.TotalSeconds;
        }
    }

    private void Admitted(RequestLease lease, double now)
    {
        if (lease.SentAt < _episodeAt)
        {
            // Admitted before the last episode began, answered after it: it belongs to that episode's estimate.
            if (_estimateOpen && lease.SentAt >= _estimateFrom)
            {
                _estimateAdmitted++;
                _limit = Math.Clamp(Math.Min(_estimateAdmitted / _estimateSpan, _estimateCap), MinRate, MaxRate);
            }
            return;
        }
        if (_limited)
        {
            if (lease.SentAt >= _windowStart)
                _windowAdmitted++;
        }
        else
        {
            _recentAdmitted.Enqueue(lease.SentAt);
            ForgetOldAdmitted(now);
            // One more request in flight per window's worth of successes: about one per round trip.
            _window = Math.Min(_maxInFlight, _window + 1 / _window);
        }
    }

    private void Throttled(RequestLease lease, TimeSpan? retryAfter, double now)
    {
        // "Retry-After: 0": the server's budget is there again now. A token bucket that is out rounds its wait up to a
        // whole second (RFC 9110 delay-seconds), so this is a refusal of that one request, not a rate: nothing to learn.
        if (retryAfter == TimeSpan.Zero)
            return;
        double? hold = retryAfter is { } wait ? (wait < _maxHold ? wait.TotalSeconds : null) : _defaultHold;
        var holdEnd = now + (hold ?? 0);
        if (lease.SentAt < _episodeAt || now - _episodeAt < EpisodeGap.TotalSeconds)
        {
            // Sent before this episode began, or right after it: the same empty bucket. Wait, learn nothing more.
            Hold(holdEnd, now);
            return;
        }

        _estimateOpen = false;
        if (_limited)
        {
            // The server's bucket was empty at the last episode (or the last time ours was full) and is empty now:
            // what it admitted in between is its rate. If it admitted nothing, the pace was far too fast: halve it.
            var window = now - _windowStart;
            var current = RateAt(now);
            if (_windowAdmitted > 0 && window > 0)
                Estimate(_windowStart, _windowAdmitted, window, current);
            else
                SetLimit(current / 2);
        }
        else
        {
            ForgetOldAdmitted(now);
            var from = now - EstimateWindow.TotalSeconds;
            var admitted = _recentAdmitted.Count(sentAt => sentAt >= from);
            if (admitted > 0)
                Estimate(from, admitted, Math.Max(Math.Min(EstimateWindow.TotalSeconds, now - (_firstSentAt ?? now)) + (hold ?? 0), 0.001), double.PositiveInfinity);
        }
        Episodes++;
        _episodeAt = now;
        _windowStart = now;
        _windowAdmitted = 0;
        _recentAdmitted.Clear();
        Hold(holdEnd, now);
    }

    /// <summary>Sets the limit to <paramref name="admitted"/> per <paramref name="span"/> seconds, at most <paramref name="cap"/>, open to late answers.</summary>
    private void Estimate(double from, double admitted, double span, double cap)
    {
        SetLimit(Math.Min(admitted / span, cap));
        _estimateOpen = true;
        _estimateFrom = from;
        _estimateAdmitted = admitted;
        _estimateSpan = span;
        _estimateCap = cap;
    }

    private void SetLimit(double limit)
    {
        // From now on the pace bounds what is sent; the in-flight limit only bounds slow answers.
        _window = _maxInFlight;
        _limited = true;
        _limit = Math.Clamp(limit, MinRate, MaxRate);
        _recovered = 0;
        _saturatedSince = null;
    }

    /// <summary>
    /// Sends nothing paced before <paramref name="until"/>. The pacing bucket then holds one request, as the server's
    /// does (<c>Retry-After</c> is the time until it admits one again): the throttled call's retry goes at once, the
    /// rest at the pace.
    /// </summary>
    private void Hold(double until, double now)
    {
        _holdUntil = Math.Max(_holdUntil, until);
        _tokens = 1;
        _tokensAt = Math.Max(Math.Max(_tokensAt, now), _holdUntil);
    }

    /// <summary>Drops send times older than the estimate's window (answers arrive nearly in send order; the count filters exactly).</summary>
    private void ForgetOldAdmitted(double now)
    {
        while (_recentAdmitted.Count > 0 && _recentAdmitted.Peek() < now - EstimateWindow.TotalSeconds)
            _recentAdmitted.Dequeue();
    }

    /// <summary>The pace now: <see cref="Backoff"/> × the limit right after an episode, back to the limit after <see cref="RecoveryTime"/>.</summary>
    private double RateAt(double now)
    {
        var t = _recovered + (_saturatedSince is { } since ? now - since : 0);
        var k = RecoveryTime.TotalSeconds;
        var x = t - k;
        var rate = _limit * (1 + (1 - Backoff) / (k * k * k) * x * x * x);
        return Math.Clamp(rate, MinRate, MaxRate);
    }

    private double Capacity(double rate) => Math.Max(1, Math.Min(rate, _limit) * Burst.TotalSeconds);

    private void Refill(double now)
    {
        if (!_limited || now <= _tokensAt)
            return;
        var rate = RateAt(now);
        var capacity = Capacity(rate);
        var tokens = _tokens + (now - _tokensAt) * rate;
        if (tokens >= capacity)
        {
            // Full: the client sent less than the pace since then, so the server's bucket may have filled and spilled.
            // The next estimate counts only from here.
            var fullAt = _tokens >= capacity ? _tokensAt : _tokensAt + (capacity - _tokens) / rate;
            if (fullAt > _windowStart)
            {
                _windowStart = fullAt;
                _windowAdmitted = 0;
            }
            tokens = capacity;
        }
        _tokens = tokens;
        _tokensAt = now;
    }
}
