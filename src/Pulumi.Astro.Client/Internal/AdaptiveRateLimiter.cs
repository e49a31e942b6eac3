using System.Net.Http.Headers;

namespace Pulumi.Astro.Client.Internal;

/// <summary>An attempt's turn to send, from <see cref="AdaptiveRateLimiter.AcquireAsync"/>; give it back with <see cref="AdaptiveRateLimiter.Release"/>.</summary>
/// <param name="SentAt">When it was let through, in the limiter's seconds.</param>
/// <param name="Paced">Whether it went through the rate limit (an Astro API request) or took only a slot.</param>
/// <param name="Queued">How long it waited for its turn.</param>
internal readonly record struct RequestLease(double SentAt, bool Paced, TimeSpan Queued);

/// <summary>
/// The one gate every request of an <see cref="AstroClient"/> passes before it is sent: at most <c>maxInFlight</c> requests
/// in flight, and Astro API requests paced to the rate Astro allows, learned from its 429 answers, so that a provider
/// process running hundreds of operations at once shares one budget instead of fighting over it.
/// </summary>
/// <remarks>
/// <para><b>Before any 429.</b> No pace, but the requests in flight start at <see cref="InitialWindow"/> and grow by
/// one per round of successes (TCP's congestion avoidance, RFC 5681 §3.1) up to <c>maxInFlight</c>: whatever is in
/// flight when a server's burst runs out is answered 429, so a large burst meets the first 429 with few requests out.</para>
/// <para><b>Learning.</b> A 429 starts an <i>episode</i>: nothing more is sent until its
/// <c>Retry-After</c> has passed (RFC 6585 §4: the client should wait that long "before making a new request"), and
/// the pace drops to <see cref="Backoff"/> × the rate the server was found to allow. That rate comes from a token-bucket
/// server's own arithmetic: its bucket is empty at each 429, so the requests it admitted between two 429s, over the time
/// between them, are its refill rate. Before any pace is known, the estimate is the requests admitted in the last
/// <see cref="EstimateWindow"/> over that window plus the <c>Retry-After</c>, which is then corrected at the next
/// episode. A 429 for a request sent before the episode began, or within <see cref="EpisodeGap"/> of it, belongs to that
/// episode: it extends the wait and teaches nothing more. A 429 when nothing was admitted gives no rate: only the wait.
/// A 429 with <c>Retry-After: 0</c> ("again now") is neither a wait nor a rate.</para>
/// <para><b>Pacing.</b> A token bucket at the learned pace, holding at most one second of it (no more than the pace the
/// server was found to allow), and a single request when a 429's wait ends: the server's bucket was empty at the 429
/// and holds one request when its <c>Retry-After</c> has passed.</para>
/// <para><b>Recovery.</b> The pace climbs back along a cubic curve, as TCP CUBIC's window does (RFC 9438): flat near
/// the rate that was throttled, reached again after <see cref="RecoveryTime"/>, faster beyond it, so that a limit that
/// was raised, or another client that stopped, is found again. The curve's clock runs only while requests are waiting
/// for the pace: a client with nothing to send learns nothing about the limit. The AWS SDKs' adaptive retry mode paces
/// with a cubic recovery too (botocore, <c>botocore/retries/adaptive.py</c>).</para>
/// <para><b>Quotas in headers.</b> When a response carries <c>RateLimit-Remaining</c>/<c>-Reset</c> (or the
/// <c>X-RateLimit-</c> form, see <see cref="RateLimitHeaders"/>), at most the remaining count is sent before the reset.</para>
/// <para><b>Order.</b> When requests queue, a background one (<see cref="AstroRequestPriority"/>) goes after ordinary
/// ones until it has queued for <see cref="AstroRequestPriority.Patience"/>; within a priority, calls go in the order
/// they were made, and a retry keeps its call's place. Requests to other hosts (the DAG upload, the image registry)
/// take a slot but neither wait for nor teach the pace.</para>
/// <para><b>Off.</b> Without <c>adaptive</c> it is a first-come, first-served limit on requests in flight only.</para>
/// <para>No waits are longer than the retry policy's time budget: a <c>Retry-After</c> or quota reset beyond it is
/// not waited for by other requests (each throttled call still fails at once, as the retry rules say).</para>
/// </remarks>
internal sealed partial class AdaptiveRateLimiter : IDisposable
{
    /// <summary>After a 429 the pace is this share of the rate the server was found to allow.</summary>
    internal const double Backoff = 0.95;

    /// <summary>The slowest pace, in requests per second.</summary>
    internal const double MinRate = 0.5;

    /// <summary>The fastest pace: in practice the in-flight limit is the bound long before this.</summary>
    internal const double MaxRate = 1_000_000;

    /// <summary>How long the pace takes to climb back to the throttled rate, counted while requests wait for it.</summary>
    internal static readonly TimeSpan RecoveryTime = TimeSpan.FromSeconds(10);

    /// <summary>429s closer than this to the start of an episode belong to it: one decrease per episode.</summary>
    internal static readonly TimeSpan EpisodeGap = TimeSpan.FromSeconds(1);

    /// <summary>Before a pace is known, the first estimate counts the requests admitted in this window.</summary>
    internal static readonly TimeSpan EstimateWindow = TimeSpan.FromSeconds(1);

    /// <summary>The requests in flight before anything is learned; more as requests succeed.</summary>
    internal const int InitialWindow = 8;

    /// <summary>The pacing bucket holds this much of the pace: a pause of this long may be followed by that burst.</summary>
    internal static readonly TimeSpan Burst = TimeSpan.FromSeconds(1);

    private const double Epsilon = 1e-9;

    private readonly TimeProvider _time;
    private readonly long _origin;
    private readonly int _maxInFlight;
    private readonly bool _adaptive;
    private readonly double _defaultHold;
    private readonly TimeSpan _maxHold;
    private readonly Lock _gate = new();
    private readonly List<Turn> _queue = [];
    private readonly Queue<double> _recentAdmitted = new();
    private double _window;
    private long _tickets;
    private long _arrivals;
    private int _inFlight;
    private bool _disposed;
    private ITimer? _timer;
    private double _timerDue = double.PositiveInfinity;
    private long _timerGeneration;

    // What was learned. Times are the limiter's seconds (see Now).
    private bool _limited;
    private double _limit;
    private double _tokens;
    private double _tokensAt;
    private double _holdUntil = double.NegativeInfinity;
    private double _episodeAt = double.NegativeInfinity;
    private double _windowStart;
    private int _windowAdmitted;
    private double _recovered;
    private double? _saturatedSince;
    private double? _firstSentAt;
    private long _quota;
    private double _quotaUntil = double.NegativeInfinity;

    // The last episode's estimate, kept open for answers to requests sent before it that arrive after it: the server
    // admitted those before its bucket ran dry, so they count (answers do not come back in the order they were sent).
    private bool _estimateOpen;
    private double _estimateFrom;
    private double _estimateAdmitted;
    private double _estimateSpan;
    private double _estimateCap;

    /// <param name="time">The clock for every wait and measurement.</param>
    /// <param name="maxInFlight">The most requests in flight at once.</param>
    /// <param name="adaptive">Whether API requests are paced; if not, this is only the in-flight limit, first come first served.</param>
    /// <param name="defaultHold">How long others wait after a 429 without <c>Retry-After</c>: the shortest first backoff.</param>
    /// <param name="maxHold">Waits this long or longer (a <c>Retry-After</c>, a quota reset) are not imposed on others.</param>
    public AdaptiveRateLimiter(TimeProvider time, int maxInFlight, bool adaptive, TimeSpan defaultHold, TimeSpan maxHold)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxInFlight, 1);
        _time = time;
        _origin = time.GetTimestamp();
        _maxInFlight = maxInFlight;
        _adaptive = adaptive;
        _window = adaptive ? Math.Min(InitialWindow, maxInFlight) : maxInFlight;
        _defaultHold = Math.Max(0, defaultHold.TotalSeconds);
        _maxHold = maxHold;
    }

    /// <summary>The pace in requests per second, or null while unlimited (or when not adaptive).</summary>
    internal double? Rate
    {
        get
        {
            lock (_gate)
                return _limited ? RateAt(Now) : null;
        }
    }

    /// <summary>The rate the server was last found to allow, or null before any was learned.</summary>
    internal double? Limit
    {
        get
        {
            lock (_gate)
                return _limited ? _limit : null;
        }
    }

    /// <summary>Requests waiting for their turn.</summary>
    internal int Waiting
    {
        get
        {
            lock (_gate)
                return _queue.Count;
        }
    }

    /// <summary>Requests let through and not yet released.</summary>
    internal int InFlight
    {
        get
        {
            lock (_gate)
                return _inFlight;
        }
    }

    /// <summary>429 episodes seen (each one wait and at most one decrease).</summary>
    internal int Episodes { get; private set; }

    private double Now => (double)(_time.GetTimestamp() - _origin) / _time.TimestampFrequency;

    /// <summary>A new call's place in line; its retries reuse it, so a retry goes before calls made after it.</summary>
    public long NewTicket() => Interlocked.Increment(ref _tickets);

    /// <summary>
    /// Waits for a turn to send one attempt. <paramref name="paced"/>: an Astro API request (waits for the pace, and
    /// its answer teaches it). Cancelling while queued ends the wait and leaves the turn to the next in line.
    /// </summary>
    public ValueTask<RequestLease> AcquireAsync(bool paced, bool background, long ticket, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
            return ValueTask.FromCanceled<RequestLease>(cancellationToken);
        Turn turn;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var now = Now;
            turn = new Turn(paced && _adaptive, _adaptive && background, _adaptive ? ticket : _arrivals, _arrivals++, now);
            _queue.Add(turn);
            Pump(now);
        }
        if (!turn.Source.Task.IsCompleted && cancellationToken.CanBeCanceled)
        {
            // Registered outside the lock: a token cancelled already runs the callback here, and it takes the lock.
            var registration = cancellationToken.Register(static state =>
            {
                var (limiter, turn, token) = ((AdaptiveRateLimiter, Turn, CancellationToken))state!;
                limiter.Cancel(turn, token);
            }, (this, turn, cancellationToken));
            lock (_gate)
            {
                if (turn.Source.Task.IsCompleted)
                    registration.Unregister();
                else
                    turn.Registration = registration;
            }
        }
        // The turn's own task: it completes the moment the turn is let through (its continuations run asynchronously).
        return new ValueTask<RequestLease>(turn.Source.Task);
    }

    /// <summary>
    /// Gives a turn back once its attempt has its answer (<paramref name="status"/> and <paramref name="headers"/>), or
    /// none (both null): a 429 starts or extends an episode, any other answer counts as admitted, and a quota in the
    /// headers is kept.
    /// </summary>
    public void Release(RequestLease lease, int? status, HttpResponseHeaders? headers)
    {
        lock (_gate)
        {
            _inFlight--;
            if (_disposed)
                return;
            var now = Now;
            if (_adaptive && lease.Paced && status is { } code && headers is not null)
                Learn(lease, code, headers, now);
            Pump(now);
        }
    }

    public void Dispose()
    {
        List<Turn> abandoned;
        lock (_gate)
        {
            if (_disposed)
                return;
            _disposed = true;
            _timer?.Dispose();
            _timer = null;
            abandoned = [.. _queue];
            _queue.Clear();
        }
        foreach (var turn in abandoned)
        {
            turn.Registration.Unregister();
            turn.Source.TrySetException(new ObjectDisposedException(nameof(AstroClient)));
        }
    }

    private bool QuotaAllows(double now) => now >= _quotaUntil || _quota > 0;

    private bool PacedReady(double now) =>
        now >= _holdUntil && QuotaAllows(now) && (!_limited || _tokens >= 1 - Epsilon);

    /// <summary>Lets through every turn that may go now, best first; arranges to be woken when the next paced one may.</summary>
    private void Pump(double now)
    {
        var slots = (int)Math.Floor(_window + Epsilon);
        while (_inFlight < slots && _queue.Count > 0)
        {
            Refill(now);
            var pacedReady = PacedReady(now);
            Turn? best = null;
            foreach (var turn in _queue)
            {
                if ((pacedReady || !turn.Paced) && (best is null || Precedes(turn, best, now)))
                    best = turn;
            }
            if (best is null)
                break;
            _queue.Remove(best);
            Admit(best, now);
        }
        var blocked = _inFlight < slots && _queue.Exists(t => t.Paced);
        TrackSaturation(blocked && now >= _holdUntil && QuotaAllows(now) && _limited && _tokens < 1 - Epsilon, now);
        if (blocked)
            WakeAt(NextPacedTurn(now), now);
    }

    private void Admit(Turn turn, double now)
    {
        _inFlight++;
        if (turn.Paced)
        {
            if (_limited)
                _tokens -= 1;
            if (now < _quotaUntil)
                _quota--;
            _firstSentAt ??= now;
        }
        turn.Registration.Unregister();
        turn.Source.TrySetResult(new RequestLease(now, turn.Paced, TimeSpan.FromSeconds(Math.Max(0, now - turn.EnqueuedAt))));
    }

    /// <summary>Ordinary before background (until it has waited its patience), then by call order.</summary>
    private static bool Precedes(Turn a, Turn b, double now)
    {
        var classA = a.Background && now - a.EnqueuedAt < AstroRequestPriority.Patience.TotalSeconds ? 1 : 0;
        var classB = b.Background && now - b.EnqueuedAt < AstroRequestPriority.Patience.TotalSeconds ? 1 : 0;
        return classA != classB ? classA < classB : a.Order != b.Order ? a.Order < b.Order : a.Arrival < b.Arrival;
    }

    /// <summary>The moment a paced turn may go: after the hold, the quota's reset when it is spent, and the next token.</summary>
    private double NextPacedTurn(double now)
    {
        var at = Math.Max(now, _holdUntil);
        if (!QuotaAllows(now))
            at = Math.Max(at, _quotaUntil);
        if (_limited && _tokens < 1 - Epsilon)
            at = Math.Max(at, _tokensAt + (1 - _tokens) / RateAt(now));
        // A timer for "now" would spin: the clock moves on by at least a millisecond.
        return Math.Max(at, now + 0.001);
    }

    private void TrackSaturation(bool saturated, double now)
    {
        if (saturated && _saturatedSince is null)
        {
            _saturatedSince = now;
        }
        else if (!saturated && _saturatedSince is { } since)
        {
            _recovered += now - since;
            _saturatedSince = null;
        }
    }

    private void WakeAt(double at, double now)
    {
        if (_timer is not null && _timerDue <= at + Epsilon)
            return;
        _timer?.Dispose();
        var generation = ++_timerGeneration;
        _timerDue = at;
        _timer = _time.CreateTimer(_ => OnTimer(generation), null, TimeSpan.FromSeconds(at - now), Timeout.InfiniteTimeSpan);
    }

    private void OnTimer(long generation)
    {
        lock (_gate)
        {
            if (generation == _timerGeneration)
            {
                _timer?.Dispose();
                _timer = null;
                _timerDue = double.PositiveInfinity;
            }
            if (!_disposed)
                Pump(Now);
        }
    }

    private void Cancel(Turn turn, CancellationToken token)
    {
        lock (_gate)
        {
            if (!_queue.Remove(turn))
                return;
            turn.Source.TrySetCanceled(token);
            if (!_disposed)
                Pump(Now);
        }
    }

    /// <summary>One queued attempt.</summary>
    private sealed class Turn(bool paced, bool background, long order, long arrival, double enqueuedAt)
    {
        public bool Paced { get; } = paced;
        public bool Background { get; } = background;

        /// <summary>The call's ticket when adaptive (a retry keeps its call's place), else the arrival: first come, first served.</summary>
        public long Order { get; } = order;

        public long Arrival { get; } = arrival;
        public double EnqueuedAt { get; } = enqueuedAt;
        public TaskCompletionSource<RequestLease> Source { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public CancellationTokenRegistration Registration { get; set; }
    }
}
