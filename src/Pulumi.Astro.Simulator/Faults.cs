using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;

namespace Pulumi.Astro.Simulator;

/// <summary>
/// A fault the control API injects into matching API requests: a delay, then either an error status (with
/// Retry-After when given) or a dropped connection. It applies <see cref="Remaining"/> times (0 = unlimited) and,
/// for each match, with <see cref="Probability"/>.
/// </summary>
internal sealed class Fault
{
    public required string Id { get; init; }
    public required string Method { get; init; }
    public required Regex Path { get; init; }
    public int? Status { get; init; }
    public string? RetryAfter { get; init; }
    public bool Drop { get; init; }
    public int DelayMs { get; init; }
    /// <summary>Handle the request first and then apply the fault to its response ("processed, answer lost").</summary>
    public bool AfterHandling { get; init; }
    public int Remaining { get; set; }
    public bool Unlimited { get; init; }
    public double Probability { get; init; } = 1;
    public int Applied { get; set; }
    /// <summary>The error body's message instead of "injected fault N".</summary>
    public string? Message { get; init; }
    /// <summary>The error body's fieldErrors, as given.</summary>
    public IReadOnlyList<FieldError>? FieldErrors { get; init; }
    /// <summary>Echo the request's Authorization header and body in the message, as a misbehaving gateway might.</summary>
    public bool EchoRequest { get; init; }

    public JObject ToJson() => new()
    {
        ["id"] = Id,
        ["method"] = Method,
        ["pathPattern"] = Path.ToString(),
        ["status"] = Status,
        ["retryAfter"] = RetryAfter,
        ["drop"] = Drop,
        ["delayMs"] = DelayMs,
        ["afterHandling"] = AfterHandling,
        ["remaining"] = Unlimited ? null : Remaining,
        ["probability"] = Probability,
        ["applied"] = Applied,
        ["message"] = Message,
        ["fieldErrors"] = FieldErrors is null ? null : FieldErrors.Count,
        ["echoRequest"] = EchoRequest,
    };

    /// <summary>Reads a fault from the control API's JSON; throws <see cref="ApiError"/> on bad input.</summary>
    public static Fault Parse(JObject body)
    {
        string? Text(string name) => body[name] is { Type: JTokenType.String } t ? (string)t! : null;
        var pattern = Text("pathPattern") ?? ".*";
        Regex regex;
        try
        {
            regex = new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
        }
        catch (ArgumentException e)
        {
            throw ApiError.Field("pathPattern", "invalid", $"is not a regular expression: {e.Message}");
        }
        int? status = body["status"] is { Type: JTokenType.Integer } s ? (int)s : null;
        if (status is not null and not (>= 400 and <= 599)) throw ApiError.Field("status", "range", "must be an HTTP error status from 400 to 599");
        var drop = body["drop"] is { Type: JTokenType.Boolean } d && (bool)d;
        var delay = body["delayMs"] is { Type: JTokenType.Integer } dl ? (int)dl : 0;
        if (delay is < 0 or > 600_000) throw ApiError.Field("delayMs", "range", "must be from 0 to 600000");
        if (status is null && !drop && delay == 0) throw ApiError.BadRequest("a fault needs a status, drop: true or a delayMs");
        var times = body["times"] is { Type: JTokenType.Integer } t ? (int)t : 1;
        if (times < 0) throw ApiError.Field("times", "range", "must be 0 (unlimited) or more");
        var probability = body["probability"] is { Type: JTokenType.Float or JTokenType.Integer } p ? (double)p : 1.0;
        List<FieldError>? fieldErrors = null;
        if (body["fieldErrors"] is JArray errors)
            fieldErrors = errors.OfType<JObject>().Select(e => new FieldError((string?)e["field"] ?? "", (string?)e["code"] ?? "invalid", (string?)e["message"] ?? "")).ToList();
        if (probability is <= 0 or > 1) throw ApiError.Field("probability", "range", "must be greater than 0 and at most 1");
        return new Fault
        {
            Id = Ids.NewId(),
            Method = (Text("method") ?? "*").ToUpperInvariant(),
            Path = regex,
            Status = status,
            RetryAfter = Text("retryAfter"),
            Drop = drop,
            DelayMs = delay,
            AfterHandling = body["afterHandling"] is { Type: JTokenType.Boolean } after && (bool)after,
            Remaining = times,
            Unlimited = times == 0,
            Probability = probability,
            Message = Text("message"),
            FieldErrors = fieldErrors,
            EchoRequest = body["echoRequest"] is { Type: JTokenType.Boolean } echo && (bool)echo,
        };
    }
}

/// <summary>The injected faults, matched in the order they were added.</summary>
internal sealed class FaultInjector
{
    private readonly List<Fault> _faults = [];
    private readonly Lock _gate = new();

    public void Add(Fault fault)
    {
        lock (_gate) _faults.Add(fault);
    }

    public void Clear()
    {
        lock (_gate) _faults.Clear();
    }

    public JArray List()
    {
        lock (_gate) return new JArray(_faults.Select(f => f.ToJson()));
    }

    /// <summary>The first fault that matches and fires for this request, consuming one of its uses.</summary>
    public Fault? Match(string method, string path)
    {
        lock (_gate)
        {
            foreach (var f in _faults)
            {
                if (f.Method != "*" && f.Method != method) continue;
                if (!f.Unlimited && f.Remaining <= 0) continue;
                if (!f.Path.IsMatch(path)) continue;
                if (f.Probability < 1 && Random.Shared.NextDouble() >= f.Probability) continue;
                if (!f.Unlimited) f.Remaining--;
                f.Applied++;
                return f;
            }
            return null;
        }
    }
}

/// <summary>One API request as the control API reports it; status 0 means the connection was dropped.</summary>
internal sealed record LoggedRequest(string Method, string Path, string Query, int Status, DateTimeOffset Time, double DurationMs)
{
    /// <summary>Answered 429 by the rate limiter (not by an injected fault).</summary>
    public bool Throttled { get; init; }

    /// <summary>The JSON request body, when the log keeps bodies.</summary>
    public string? RequestBody { get; init; }

    /// <summary>The JSON response body as sent (after lean or null shaping), when the log keeps bodies.</summary>
    public string? ResponseBody { get; init; }

    /// <summary>The response mode the answer was given in.</summary>
    public ResponseMode Responses { get; init; }
}

/// <summary>The request log, so tests can count the API calls a client made. Bounded; the oldest entries go first.</summary>
internal sealed class RequestLog
{
    private const int Capacity = 200_000;
    private readonly Queue<LoggedRequest> _entries = new();
    private readonly Lock _gate = new();

    public void Add(LoggedRequest entry)
    {
        lock (_gate)
        {
            _entries.Enqueue(entry);
            if (_entries.Count > Capacity) _entries.Dequeue();
        }
    }

    public void Clear()
    {
        lock (_gate) _entries.Clear();
    }

    public JArray ToJson()
    {
        lock (_gate)
        {
            return new JArray(_entries.Select(e => new JObject
            {
                ["method"] = e.Method,
                ["path"] = e.Path,
                ["query"] = e.Query,
                ["status"] = e.Status,
                ["time"] = e.Time.UtcDateTime.ToString("O"),
                ["durationMs"] = Math.Round(e.DurationMs, 3),
                ["throttled"] = e.Throttled,
                ["requestBody"] = e.RequestBody,
                ["responseBody"] = e.ResponseBody,
                ["responses"] = ResponseModes.Name(e.Responses),
            }));
        }
    }
}
