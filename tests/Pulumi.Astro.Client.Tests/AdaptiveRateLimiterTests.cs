using System.Net.Http.Headers;
using Microsoft.Extensions.Time.Testing;
using Pulumi.Astro.Client.Internal;

namespace Pulumi.Astro.Client.Tests;

/// <summary>
/// The client's rate limiter alone, on a clock that moves only when the test advances it (no real time): pacing,
/// learning from a 429 and its Retry-After, recovery, priorities under a tight budget, cancellation while queued,
/// order, and a token-bucket server driven through it. A turn is "let through" when its task has completed; the fake
/// clock's timers fire inside <see cref="FakeTimeProvider.Advance"/>, so that is known as soon as Advance returns.
/// </summary>
public sealed class AdaptiveRateLimiterTests
{
    private static readonly DateTimeOffset Start = new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan DefaultHold = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan MaxHold = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan Ms = TimeSpan.FromMilliseconds(1);

    private static AdaptiveRateLimiter NewLimiter(FakeTimeProvider time, int maxInFlight = 32, bool adaptive = true) =>
        new(time, maxInFlight, adaptive, DefaultHold, MaxHold);

    private static Task<RequestLease> Acquire(AdaptiveRateLimiter limiter, bool background = false, long? ticket = null,
        bool paced = true, CancellationToken cancellationToken = default) =>
        limiter.AcquireAsync(paced, background, ticket ?? limiter.NewTicket(), cancellationToken).AsTask();

    /// <summary>Response headers: a Retry-After in seconds and any others.</summary>
    private static HttpResponseHeaders Headers(int? retryAfterSeconds = null, params (string Name, string Value)[] others)
    {
        var headers = new HttpResponseMessage().Headers;
        if (retryAfterSeconds is { } seconds)
            headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(seconds));
        foreach (var (name, value) in others)
            headers.TryAddWithoutValidation(name, value);
        return headers;
    }

    private static void Ok(AdaptiveRateLimiter limiter, Task<RequestLease> turn) => limiter.Release(turn.Result, 200, Headers());

    private static void Throttle(AdaptiveRateLimiter limiter, Task<RequestLease> turn, int? retryAfterSeconds) =>
        limiter.Release(turn.Result, 429, Headers(retryAfterSeconds));

    /// <summary>Lets <paramref name="admitted"/> requests through at once and back with 200, then one more with a 429.</summary>
    private static void LearnFromBurst(AdaptiveRateLimiter limiter, int admitted, int retryAfterSeconds)
    {
        var burst = Enumerable.Range(0, admitted).Select(_ => Acquire(limiter)).ToList();
        foreach (var turn in burst)
            Ok(limiter, turn);
        Throttle(limiter, Acquire(limiter), retryAfterSeconds);
    }

    /// <summary>Advances in 1 ms steps until <paramref name="turn"/> is let through; the time it took.</summary>
    private static TimeSpan AdvanceUntilLetThrough(FakeTimeProvider time, Task<RequestLease> turn, TimeSpan limit)
    {
        var waited = TimeSpan.Zero;
        while (!turn.IsCompleted && waited < limit)
        {
            time.Advance(Ms);
            waited += Ms;
        }
        Assert.That(turn.IsCompleted, Is.True, $"not let through within {limit}");
        return waited;
    }

    [Test]
    public void Acquire_NothingLearned_LetsThroughUpToTheInFlightLimitAtOnce()
    {
        var time = new FakeTimeProvider(Start);
        using var limiter = NewLimiter(time, maxInFlight: 3);

        var turns = Enumerable.Range(0, 5).Select(_ => Acquire(limiter)).ToList();

        Assert.That(turns.Select(t => t.IsCompleted), Is.EqualTo(new[] { true, true, true, false, false }));
        Ok(limiter, turns[0]);
        Assert.That(turns[3].IsCompleted, Is.True, "a released slot goes to the next in line");
        Assert.That(turns[4].IsCompleted, Is.False);
        Assert.That(limiter.Rate, Is.Null);
    }

    [Test]
    public void Release_429AfterABurstWasAdmitted_LearnsTheRateFromTheBurstAndRetryAfter()
    {
        var time = new FakeTimeProvider(Start);
        using var limiter = NewLimiter(time);

        LearnFromBurst(limiter, admitted: 20, retryAfterSeconds: 1);

        // 20 admitted in no time, then "wait 1 s": at most 20 per second; the pace is 95 % of it.
        Assert.That(limiter.Limit, Is.EqualTo(20).Within(1e-6));
        Assert.That(limiter.Rate, Is.EqualTo(19).Within(1e-6));
        Assert.That(limiter.Episodes, Is.EqualTo(1));
    }

    [Test]
    public void Acquire_AfterA429_NothingUntilRetryAfterThenOneRequestPerTokenOfThePace()
    {
        var time = new FakeTimeProvider(Start);
        using var limiter = NewLimiter(time);
        LearnFromBurst(limiter, admitted: 20, retryAfterSeconds: 1);
        var queued = Enumerable.Range(0, 6).Select(_ => Acquire(limiter)).ToList();

        time.Advance(TimeSpan.FromMilliseconds(999));
        Assert.That(queued.Count(t => t.IsCompleted), Is.Zero, "nothing is sent while the Retry-After runs");

        var letThrough = new List<TimeSpan>();
        var clock = TimeSpan.FromMilliseconds(999);
        foreach (var turn in queued)
        {
            clock += AdvanceUntilLetThrough(time, turn, TimeSpan.FromSeconds(5));
            letThrough.Add(clock);
            Ok(limiter, turn);
        }

        // When the wait ends the server admits one request again (that is what Retry-After says): the first goes at
        // once, the rest at the pace.
        Assert.That(letThrough[0], Is.EqualTo(TimeSpan.FromSeconds(1)));
        var gaps = letThrough.Zip(letThrough.Skip(1), (a, b) => (b - a).TotalSeconds).ToList();
        // 1/19 s, give or take the 1 ms steps of the clock.
        Assert.That(gaps, Has.All.InRange(0.051, 0.054), "one request per 1/19 s");
    }

    [Test]
    public void Release_429sOfRequestsSentBeforeTheEpisode_ExtendTheWaitButCountAsOne()
    {
        var time = new FakeTimeProvider(Start);
        using var limiter = NewLimiter(time);
        var inFlight = Enumerable.Range(0, 8).Select(_ => Acquire(limiter)).ToList();
        foreach (var turn in inFlight.Take(5))
            Ok(limiter, turn);
        Throttle(limiter, inFlight[5], 1);
        var learned = limiter.Limit;

        time.Advance(TimeSpan.FromMilliseconds(10));
        foreach (var turn in inFlight.Skip(6))
            Throttle(limiter, turn, 1);

        Assert.That(limiter.Episodes, Is.EqualTo(1));
        Assert.That(limiter.Limit, Is.EqualTo(learned), "sent before the first 429 came back: no new information");
        var next = Acquire(limiter);
        time.Advance(TimeSpan.FromMilliseconds(999));
        Assert.That(next.IsCompleted, Is.False, "the last 429's Retry-After, 10 ms later, is waited out too");
        time.Advance(Ms);
        Assert.That(next.IsCompleted, Is.True);
    }

    [Test]
    public void Release_SuccessesBeforeAny429_InFlightGrowsFromEightByAboutOnePerRound()
    {
        var time = new FakeTimeProvider(Start);
        using var limiter = NewLimiter(time, maxInFlight: 32);
        var queue = new Queue<Task<RequestLease>>(Enumerable.Range(0, 1000).Select(_ => Acquire(limiter)));
        var inFlight = new Dictionary<int, int> { [0] = limiter.InFlight };

        // Each success adds 1/window: the window's square grows by about 2 per success, from 64.
        for (var successes = 1; successes <= 600; successes++)
        {
            Ok(limiter, queue.Dequeue());
            inFlight[successes] = limiter.InFlight;
        }

        Assert.That(inFlight[0], Is.EqualTo(AdaptiveRateLimiter.InitialWindow));
        Assert.That(inFlight[8], Is.EqualTo(8), "no more until a whole round succeeded");
        Assert.That(inFlight[10], Is.EqualTo(9));
        Assert.That(inFlight[100], Is.EqualTo((int)Math.Sqrt(64 + 2 * 100)).Within(1));
        Assert.That(inFlight[600], Is.EqualTo(32), "up to the in-flight limit");
    }

    [Test]
    public void Release_SecondEpisode_TakesTheRateFromWhatWasAdmittedSinceTheFirst()
    {
        var time = new FakeTimeProvider(Start);
        using var limiter = NewLimiter(time);
        LearnFromBurst(limiter, admitted: 20, retryAfterSeconds: 1);
        var queue = new Queue<Task<RequestLease>>(Enumerable.Range(0, 200).Select(_ => Acquire(limiter)));

        // A server that admits every request in the 3 s after the first 429, then answers 429 again.
        var admitted = 0;
        var clock = TimeSpan.Zero;
        while (true)
        {
            clock += AdvanceUntilLetThrough(time, queue.Peek(), TimeSpan.FromSeconds(10));
            var turn = queue.Dequeue();
            if (clock >= TimeSpan.FromSeconds(3))
            {
                Throttle(limiter, turn, 1);
                break;
            }
            Ok(limiter, turn);
            admitted++;
        }

        // Its bucket was empty at both 429s: it refilled exactly what it admitted in between.
        Assert.That(limiter.Episodes, Is.EqualTo(2));
        Assert.That(admitted, Is.GreaterThan(10));
        Assert.That(limiter.Limit, Is.EqualTo(admitted / clock.TotalSeconds).Within(1e-6));
    }

    [Test]
    public void Acquire_TokenBucketServer_EstimateConvergesOnItsRate()
    {
        var result = Simulate(adaptive: true, requests: 300, rate: 5, burst: 10, maxInFlight: 8);

        Assert.That(result.Limit, Is.InRange(4.5, 5.5), "the rate a 5/s server allows");
    }

    [Test]
    public void Rate_WhileRequestsWaitForIt_ClimbsBackToTheLimitAfterTheRecoveryTimeThenBeyond()
    {
        var time = new FakeTimeProvider(Start);
        using var limiter = NewLimiter(time);
        LearnFromBurst(limiter, admitted: 10, retryAfterSeconds: 1);
        var limit = limiter.Limit!.Value;
        var queue = new Queue<Task<RequestLease>>(Enumerable.Range(0, 2000).Select(_ => Acquire(limiter)));
        var rates = new Dictionary<int, double>();

        // Every request goes through and back at once, so the queue waits for the pace the whole time.
        var first = AdvanceUntilLetThrough(time, queue.Peek(), TimeSpan.FromSeconds(5));
        var saturated = TimeSpan.Zero;
        Ok(limiter, queue.Dequeue());
        foreach (var checkpoint in new[] { 5, 10, 20, 30 })
        {
            while (saturated < TimeSpan.FromSeconds(checkpoint))
            {
                time.Advance(Ms);
                saturated += Ms;
                while (queue.Peek().IsCompleted)
                    Ok(limiter, queue.Dequeue());
            }
            rates[checkpoint] = limiter.Rate!.Value;
        }

        Assert.That(first, Is.EqualTo(TimeSpan.FromSeconds(1)), "the Retry-After came first");
        Assert.That(rates[5] / limit, Is.InRange(0.98, 1.0), "flat near the limit");
        Assert.That(rates[10] / limit, Is.EqualTo(1).Within(0.01), "back at the limit after the recovery time");
        Assert.That(rates[20] / limit, Is.EqualTo(1.05).Within(0.01));
        Assert.That(rates[30] / limit, Is.EqualTo(1.4).Within(0.02), "faster beyond it, to find a raised limit");
    }

    [Test]
    public void Rate_WhileNothingWaits_StaysWhereTheLast429LeftIt()
    {
        var time = new FakeTimeProvider(Start);
        using var limiter = NewLimiter(time);
        LearnFromBurst(limiter, admitted: 10, retryAfterSeconds: 1);
        var after429 = limiter.Rate;

        time.Advance(TimeSpan.FromMinutes(5));

        Assert.That(limiter.Rate, Is.EqualTo(after429), "an idle client learns nothing about the limit");
    }

    [Test]
    public void Acquire_IdleAfterLearning_BurstIsAtMostOneSecondOfThePace()
    {
        var time = new FakeTimeProvider(Start);
        using var limiter = NewLimiter(time);
        LearnFromBurst(limiter, admitted: 10, retryAfterSeconds: 1);
        time.Advance(TimeSpan.FromMinutes(1));

        var turns = Enumerable.Range(0, 20).Select(_ => Acquire(limiter)).ToList();

        // 9.5 tokens accumulated: 9 go at once, the rest at the pace.
        Assert.That(turns.Count(t => t.IsCompleted), Is.EqualTo(9));
    }

    [Test]
    public void Acquire_TightBudget_OrdinaryRequestsGoBeforeBackgroundOnes()
    {
        var time = new FakeTimeProvider(Start);
        using var limiter = NewLimiter(time);
        LearnFromBurst(limiter, admitted: 2, retryAfterSeconds: 1);
        var poll1 = Acquire(limiter, background: true);
        var poll2 = Acquire(limiter, background: true);
        var read1 = Acquire(limiter);
        var read2 = Acquire(limiter);
        var order = new List<string>();
        var named = new Dictionary<Task<RequestLease>, string> { [poll1] = "poll1", [poll2] = "poll2", [read1] = "read1", [read2] = "read2" };

        while (named.Count > 0)
        {
            time.Advance(Ms);
            foreach (var (turn, name) in named.Where(n => n.Key.IsCompleted).OrderBy(n => n.Key.Result.SentAt).ToList())
            {
                order.Add(name);
                named.Remove(turn);
                Ok(limiter, turn);
            }
        }

        Assert.That(order, Is.EqualTo(new[] { "read1", "read2", "poll1", "poll2" }));
    }

    [Test]
    public void Acquire_BackgroundQueuedPastItsPatience_GoesBeforeNewerOrdinaryRequests()
    {
        var time = new FakeTimeProvider(Start);
        using var limiter = NewLimiter(time);
        LearnFromBurst(limiter, admitted: 1, retryAfterSeconds: 1);
        var poll = Acquire(limiter, background: true);
        var waited = TimeSpan.Zero;

        // An ordinary request always waits (a new one every 200 ms, at a pace of about one per second), yet the poll goes.
        var reads = new List<Task<RequestLease>>();
        while (!poll.IsCompleted && waited < TimeSpan.FromSeconds(30))
        {
            if (waited.Ticks % TimeSpan.FromMilliseconds(200).Ticks == 0)
                reads.Add(Acquire(limiter));
            time.Advance(Ms);
            waited += Ms;
            foreach (var read in reads.Where(r => r.IsCompleted).ToList())
            {
                Ok(limiter, read);
                reads.Remove(read);
            }
        }

        Assert.That(poll.IsCompleted, Is.True);
        Assert.That(waited, Is.InRange(AstroRequestPriority.Patience, AstroRequestPriority.Patience + TimeSpan.FromSeconds(2)));
        Assert.That(reads, Is.Not.Empty, "ordinary requests were still waiting when the poll went");
    }

    [Test]
    public void Acquire_SamePriority_GoesInTheOrderTheCallsWereMade()
    {
        var time = new FakeTimeProvider(Start);
        using var limiter = NewLimiter(time, maxInFlight: 1);
        var busy = Acquire(limiter);
        var tickets = Enumerable.Range(0, 4).Select(_ => limiter.NewTicket()).ToList();
        // Queued in another order than the calls were made, e.g. a retry (its call's ticket) after newer calls.
        var turns = new[] { 2, 0, 3, 1 }.ToDictionary(i => i, i => Acquire(limiter, ticket: tickets[i]));

        var order = new List<int>();
        Ok(limiter, busy);
        while (order.Count < 4)
        {
            var (index, turn) = turns.Single(t => t.Value.IsCompleted && !order.Contains(t.Key));
            order.Add(index);
            Ok(limiter, turn);
        }

        Assert.That(order, Is.EqualTo(new[] { 0, 1, 2, 3 }));
    }

    [Test]
    public void Acquire_CancelledWhileQueuedForTheInFlightLimit_ThrowsAndTheNextInLineGetsTheTurn()
    {
        var time = new FakeTimeProvider(Start);
        using var limiter = NewLimiter(time, maxInFlight: 1);
        var busy = Acquire(limiter);
        using var cancel = new CancellationTokenSource();
        var cancelled = Acquire(limiter, cancellationToken: cancel.Token);
        var next = Acquire(limiter);

        cancel.Cancel();
        Ok(limiter, busy);

        Assert.That(cancelled.IsCanceled, Is.True);
        Assert.That(next.IsCompletedSuccessfully, Is.True);
        Assert.That(limiter.InFlight, Is.EqualTo(1));
        Assert.That(limiter.Waiting, Is.Zero);
    }

    [Test]
    public void Acquire_CancelledWhileWaitingForThePace_IsNeverLetThrough()
    {
        var time = new FakeTimeProvider(Start);
        using var limiter = NewLimiter(time);
        LearnFromBurst(limiter, admitted: 5, retryAfterSeconds: 1);
        using var cancel = new CancellationTokenSource();
        var cancelled = Acquire(limiter, cancellationToken: cancel.Token);
        var next = Acquire(limiter);

        cancel.Cancel();
        AdvanceUntilLetThrough(time, next, TimeSpan.FromSeconds(5));

        Assert.That(cancelled.IsCanceled, Is.True);
        Assert.That(limiter.InFlight, Is.EqualTo(1), "only the one still waiting went");
    }

    [Test]
    public void Acquire_AlreadyCancelled_ThrowsWithoutQueueing()
    {
        var time = new FakeTimeProvider(Start);
        using var limiter = NewLimiter(time);

        Assert.ThrowsAsync(Is.InstanceOf<OperationCanceledException>(), () => Acquire(limiter, cancellationToken: new CancellationToken(canceled: true)));
        Assert.That(limiter.Waiting, Is.Zero);
        Assert.That(limiter.InFlight, Is.Zero);
    }

    [Test]
    public void Acquire_NotPaced_TakesASlotWithoutWaitingForThePace()
    {
        var time = new FakeTimeProvider(Start);
        using var limiter = NewLimiter(time);
        LearnFromBurst(limiter, admitted: 5, retryAfterSeconds: 30);

        var api = Acquire(limiter);
        var upload = Acquire(limiter, paced: false);

        Assert.That(api.IsCompleted, Is.False);
        Assert.That(upload.IsCompleted, Is.True, "another host's request is not held by the API's rate limit");
    }

    [Test]
    public void Release_429WhenNothingWasAdmitted_WaitsOutRetryAfterButLearnsNoRate()
    {
        var time = new FakeTimeProvider(Start);
        using var limiter = NewLimiter(time);
        Throttle(limiter, Acquire(limiter), 3);
        var next = Acquire(limiter);

        var waited = AdvanceUntilLetThrough(time, next, TimeSpan.FromSeconds(10));

        Assert.That(waited, Is.EqualTo(TimeSpan.FromSeconds(3)));
        Assert.That(limiter.Rate, Is.Null);
    }

    [Test]
    public void Release_429WithRetryAfterZero_NeitherWaitsNorLearns()
    {
        var time = new FakeTimeProvider(Start);
        using var limiter = NewLimiter(time);
        var admitted = Enumerable.Range(0, 5).Select(_ => Acquire(limiter)).ToList();
        foreach (var turn in admitted)
            Ok(limiter, turn);

        Throttle(limiter, Acquire(limiter), retryAfterSeconds: 0);

        Assert.That(Acquire(limiter).IsCompleted, Is.True, "\"again now\"");
        Assert.That(limiter.Rate, Is.Null);
        Assert.That(limiter.Episodes, Is.Zero);
    }

    [Test]
    public void Release_429WithoutRetryAfter_OthersWaitTheShortestFirstBackoff()
    {
        var time = new FakeTimeProvider(Start);
        using var limiter = NewLimiter(time);
        Throttle(limiter, Acquire(limiter), retryAfterSeconds: null);
        var next = Acquire(limiter);

        Assert.That(AdvanceUntilLetThrough(time, next, TimeSpan.FromSeconds(10)), Is.EqualTo(DefaultHold));
    }

    [Test]
    public void Release_RetryAfterBeyondTheRetryBudget_OthersDoNotWaitForIt()
    {
        var time = new FakeTimeProvider(Start);
        using var limiter = NewLimiter(time);
        Throttle(limiter, Acquire(limiter), retryAfterSeconds: 600);

        Assert.That(Acquire(limiter).IsCompleted, Is.True, "no call could wait 10 minutes within its budget; nobody waits");
    }

    [TestCase("X-RateLimit-")]
    [TestCase("RateLimit-")]
    public void Release_QuotaHeaderWithNoneLeft_NextRequestWaitsForTheResetWithoutA429(string prefix)
    {
        var time = new FakeTimeProvider(Start);
        using var limiter = NewLimiter(time);
        limiter.Release(Acquire(limiter).Result, 200, Headers(null, (prefix + "Remaining", "0"), (prefix + "Reset", "5")));
        var next = Acquire(limiter);

        Assert.That(AdvanceUntilLetThrough(time, next, TimeSpan.FromSeconds(10)), Is.EqualTo(TimeSpan.FromSeconds(5)));
    }

    [Test]
    public void Release_QuotaHeaderWithSomeLeft_LetsThatManyThroughBeforeTheReset()
    {
        var time = new FakeTimeProvider(Start);
        using var limiter = NewLimiter(time);
        limiter.Release(Acquire(limiter).Result, 200, Headers(null, ("RateLimit-Remaining", "3"), ("RateLimit-Reset", "10")));

        var turns = Enumerable.Range(0, 5).Select(_ => Acquire(limiter)).ToList();
        Assert.That(turns.Count(t => t.IsCompleted), Is.EqualTo(3));
        time.Advance(TimeSpan.FromSeconds(10));
        Assert.That(turns.Count(t => t.IsCompleted), Is.EqualTo(5), "after the reset the quota no longer holds");
    }

    [Test]
    public void Release_NoRateLimitHeaders_NothingIsHeld()
    {
        var time = new FakeTimeProvider(Start);
        using var limiter = NewLimiter(time, maxInFlight: 2);

        for (var i = 0; i < 100; i++)
        {
            var turn = Acquire(limiter);
            Assert.That(turn.IsCompleted, Is.True);
            Ok(limiter, turn);
        }
        Assert.That(limiter.Rate, Is.Null);
    }

    [Test]
    public void Acquire_NotAdaptive_NoWaitAfterA429AndFirstComeFirstServed()
    {
        var time = new FakeTimeProvider(Start);
        using var limiter = NewLimiter(time, maxInFlight: 1, adaptive: false);
        LearnFromBurst(limiter, admitted: 5, retryAfterSeconds: 5);
        var busy = Acquire(limiter);
        var poll = Acquire(limiter, background: true);
        var read = Acquire(limiter);

        Assert.That(busy.IsCompleted, Is.True, "no wait after a 429, no pace");
        Ok(limiter, busy);
        Assert.That(poll.IsCompleted && !read.IsCompleted, Is.True, "no priorities: the first queued goes first");
        Assert.That(limiter.Rate, Is.Null);
    }

    [Test]
    public void Dispose_WhileQueued_FailsTheWaitingTurns()
    {
        var time = new FakeTimeProvider(Start);
        var limiter = NewLimiter(time, maxInFlight: 1);
        Acquire(limiter);
        var queued = Acquire(limiter);

        limiter.Dispose();

        Assert.That(queued.Exception?.InnerException, Is.InstanceOf<ObjectDisposedException>());
    }

    [Test]
    public void Acquire_500RequestsAgainstA10PerSecondServer_PacedNearItsRateWithFew429s()
    {
        var result = Simulate(adaptive: true);

        Assert.That(result.Completed, Is.EqualTo(500));
        Assert.That(result.Throttled / (double)result.Sent, Is.LessThan(0.05), $"{result.Throttled} of {result.Sent} answered 429");
        // The ideal: 500 requests at 10 per second. The burst of 20 makes 48 s possible.
        Assert.That(result.Finished.TotalSeconds, Is.LessThan(1.2 * 50));
    }

    [Test]
    public void Acquire_500RequestsAgainstA10PerSecondServerNotAdaptive_MostAnswersAre429()
    {
        var result = Simulate(adaptive: false);

        Assert.That(result.Throttled / (double)result.Sent, Is.GreaterThan(0.5), $"{result.Throttled} of {result.Sent} answered 429");
    }

    private sealed record SimulationResult(int Completed, int Sent, int Throttled, TimeSpan Finished, double? Limit);

    /// <summary>
    /// <paramref name="requests"/> calls made at once through the limiter against a token bucket server like astro-sim's
    /// (<c>RateLimiter.cs</c>: 429 with the whole seconds until a token), answering 10 ms after each request was let
    /// through, in a shuffled order (fixed seed). A throttled call retries after its Retry-After, keeping its place in line.
    /// </summary>
    private static SimulationResult Simulate(bool adaptive, int requests = 500, double rate = 10, int burst = 20, int maxInFlight = 32)
    {
        var time = new FakeTimeProvider(Start);
        using var limiter = NewLimiter(time, maxInFlight, adaptive);
        var random = new Random(19);
        var tokens = (double)burst;
        var refilledAt = time.GetUtcNow();
        int? Take()
        {
            var now = time.GetUtcNow();
            tokens = Math.Min(burst, tokens + (now - refilledAt).TotalSeconds * rate);
            refilledAt = now;
            if (tokens >= 1 - 1e-9)
            {
                tokens = Math.Max(0, tokens - 1);
                return null;
            }
            return Math.Max(1, (int)Math.Ceiling((1 - tokens) / rate - 1e-9));
        }

        var calls = Enumerable.Range(0, requests).Select(_ => new SimulatedCall(limiter.NewTicket())).ToList();
        foreach (var call in calls)
            call.Turn = limiter.AcquireAsync(true, false, call.Ticket, default).AsTask();
        var answering = new List<(SimulatedCall Call, RequestLease Lease, int? RetryAfter)>();
        var (sent, throttled, completed) = (0, 0, 0);
        var clock = TimeSpan.Zero;
        var finished = TimeSpan.Zero;
        while (completed < requests && clock < TimeSpan.FromMinutes(10))
        {
            foreach (var (call, lease, retryAfter) in answering.OrderBy(_ => random.Next()).ToList())
            {
                if (retryAfter is null)
                {
                    limiter.Release(lease, 200, Headers());
                    completed++;
                    finished = clock;
                }
                else
                {
                    throttled++;
                    limiter.Release(lease, 429, Headers(retryAfter));
                    call.RetryAt = clock + TimeSpan.FromSeconds(retryAfter.Value);
                }
            }
            answering.Clear();
            foreach (var call in calls.Where(c => c.RetryAt <= clock))
            {
                call.RetryAt = null;
                call.Turn = limiter.AcquireAsync(true, false, call.Ticket, default).AsTask();
            }
            foreach (var call in calls.Where(c => c.Turn is { IsCompleted: true }).OrderBy(c => c.Turn!.Result.SentAt))
            {
                answering.Add((call, call.Turn!.Result, Take()));
                call.Turn = null;
                sent++;
            }
            time.Advance(TimeSpan.FromMilliseconds(10));
            clock += TimeSpan.FromMilliseconds(10);
        }
        return new SimulationResult(completed, sent, throttled, finished, limiter.Limit);
    }

    private sealed class SimulatedCall(long ticket)
    {
        public long Ticket { get; } = ticket;
        public Task<RequestLease>? Turn { get; set; }
        public TimeSpan? RetryAt { get; set; }
    }
}
