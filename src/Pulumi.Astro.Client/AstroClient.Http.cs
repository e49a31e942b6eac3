using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.ExceptionServices;
using System.Text;
using Flurl.Http;
using Newtonsoft.Json;
using Pulumi.Astro.Client.Internal;
using Pulumi.Astro.Client.Models;

namespace Pulumi.Astro.Client;

// The retry loop: every request goes through SendWithRetriesAsync. The rules are in the class remarks (AstroClient.cs).
public sealed partial class AstroClient
{
    /// <summary>What a second send of a request would do; decides retries and what a lost answer means (class remarks).</summary>
    private enum RequestKind
    {
        /// <summary>Repeating it changes nothing more: GET, DELETE, an overwriting PUT.</summary>
        Idempotent,

        /// <summary>A POST that makes a new object: a second send would make a second one.</summary>
        Create,

        /// <summary>A POST that replaces an existing object's settings: a second send leaves the same state.</summary>
        Update,
    }

    /// <summary>One request, as each attempt sends it. <see cref="Content"/> makes a fresh body per attempt.</summary>
    private sealed record AttemptRequest(
        HttpMethod Method,
        string Url,
        string DisplayPath,
        IReadOnlyList<KeyValuePair<string, string>> Headers,
        Func<HttpContent>? Content,
        RequestKind Kind,
        IReadOnlyCollection<int>? Returned = null,
        bool Paced = false);

    /// <summary>An attempt's outcome; <see cref="Queued"/> is how long it waited for its turn (the client's own limits).</summary>
    private readonly record struct AttemptResult(HttpResponseMessage? Response, Exception? Error, bool TimedOut, TimeSpan Queued);

    /// <summary>The redactor for a call made now: this client's secrets and those of the caller's scopes.</summary>
    private Redactor NewRedactor() =>
        new([_options.Token, _registryCredential], _options.RedactedValues.Concat(AstroRedaction.Current));

    /// <summary>Sends until a success or a final failure; returns a successful response with its body buffered.</summary>
    private async Task<HttpResponseMessage> SendWithRetriesAsync(AttemptRequest request, CancellationToken cancellationToken)
    {
        var policy = _options.Retry;
        var time = _options.TimeProvider;
        var start = time.GetTimestamp();
        var method = request.Method.Method;
        var redactor = NewRedactor();
        // The call's place in line (its retries keep it) and its priority, both for when requests must queue.
        var ticket = _limiter.NewTicket();
        var background = AstroRequestPriority.IsBackground;
        // Time spent queued behind the client's own limits (requests in flight, the pace) is not a failure, so it does
        // not count against the retry budget: a call queued behind a long refresh still gets its retries.
        var queued = TimeSpan.Zero;
        TimeSpan Elapsed() => time.GetElapsedTime(start) - queued;

        // A retry is made only if its delay ends within the time budget, so the budget bounds the call's attempts and delays.
        bool MayRetry(int attempt, TimeSpan delay) =>
            attempt < policy.MaxAttempts && Elapsed() + delay < policy.MaxElapsed;

        for (var attempt = 1; ; attempt++)
        {
            var left = policy.MaxElapsed - Elapsed();
            var timeout = left < _options.RequestTimeout ? left : _options.RequestTimeout;
            if (timeout < TimeSpan.FromMilliseconds(1))
                timeout = TimeSpan.FromMilliseconds(1);
            var result = await AttemptAsync(request, attempt, timeout, redactor, ticket, background, cancellationToken).ConfigureAwait(false);
            queued += result.Queued;

            if (result.Response is { } response)
            {
                // Returned: statuses the caller reads itself (the registry's 401 challenge, a 404 that answers a question).
                if (response.IsSuccessStatusCode || request.Returned?.Contains((int)response.StatusCode) == true)
                    return response;
                var status = (int)response.StatusCode;
                var retryAfter = RetryAfter.Parse(response.Headers, time.GetUtcNow());
                var gatewayError = status is 502 or 503 or 504;
                // 429: Astro's rate limiter refused the request before processing it, so even a POST may repeat. A request
                // that is safe to repeat (GET, DELETE) is also repeated after any 5xx, which is most often passing.
                if (status == 429 || (status is 500 || gatewayError) && request.Kind == RequestKind.Idempotent)
                {
                    var delay = retryAfter ?? policy.Backoff(attempt, Random.Shared.NextDouble());
                    if (MayRetry(attempt, delay))
                    {
                        response.Dispose();
                        await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
                        continue;
                    }
                }
                AstroApiException error;
                using (response)
                    error = await ToApiExceptionAsync(request, response, retryAfter, redactor, cancellationToken).ConfigureAwait(false);
                if (gatewayError && request.Kind != RequestKind.Idempotent)
                    throw new AstroOutcomeUnknownException(method, request.DisplayPath,
                        $"{status} from a gateway that may have passed the request on{RequestIdNote(error)}", error);
                if (status == 500 && request.Kind == RequestKind.Create)
                    throw new AstroOutcomeUnknownException(method, request.DisplayPath,
                        $"500 from Astro, which may have made the object before it failed: {error.AstroMessage}{RequestIdNote(error)}", error);
                throw error;
            }

            var failure = result.Error!;
            if (failure is not (HttpRequestException or OperationCanceledException or IOException))
                ExceptionDispatchInfo.Throw(failure);
            var what = result.TimedOut ? $"timed out after {timeout}" : $"connection failed: {redactor.Apply(Innermost(failure))}";
            // A TLS failure is a configuration problem (e.g. an untrusted certificate), not a transient one.
            if (failure is HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError })
                throw new AstroTransportException(method, request.DisplayPath, redactor.Apply(TlsFailureReason(request.Url, failure)),
                    attempt, isTimeout: false, failure);
            if (request.Kind != RequestKind.Idempotent && MayHaveBeenSent(result))
                throw new AstroOutcomeUnknownException(method, request.DisplayPath,
                    result.TimedOut ? what : $"the connection failed after the request was sent: {redactor.Apply(Innermost(failure))}", failure);
            var backoff = policy.Backoff(attempt, Random.Shared.NextDouble());
            if (MayRetry(attempt, backoff))
            {
                await Task.Delay(backoff, time, cancellationToken).ConfigureAwait(false);
                continue;
            }
            throw new AstroTransportException(method, request.DisplayPath, what, attempt, result.TimedOut, failure);
        }
    }

    private static string RequestIdNote(AstroApiException error) =>
        string.IsNullOrEmpty(error.RequestId) ? "" : $" (requestId {error.RequestId})";

    /// <summary>
    /// Whether a request that got no answer may have reached the server. Only a failure to open the connection
    /// (refused, unreachable, DNS) proves it did not; a timeout may have struck after the request was sent.
    /// </summary>
    private static bool MayHaveBeenSent(AttemptResult result) =>
        result.TimedOut
        || result.Error is not HttpRequestException
        {
            HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError,
        };

    /// <summary>The failure's own message with its causes', e.g. "Connection refused (127.0.0.1:1)" after the wrapper's.</summary>
    private static string Innermost(Exception failure)
    {
        var messages = new List<string>();
        for (var e = failure; e is not null; e = e.InnerException)
        {
            if (!messages.Any(m => m.Contains(e.Message, StringComparison.Ordinal)))
                messages.Add(e.Message);
        }
        return string.Join(": ", messages);
    }

    private async Task<AttemptResult> AttemptAsync(
        AttemptRequest request, int attempt, TimeSpan timeout, Redactor redactor, long ticket, bool background,
        CancellationToken cancellationToken)
    {
        // The turn is held for the attempt only, not for retry delays, so a backing-off call does not block others.
        var lease = await _limiter.AcquireAsync(request.Paced, background, ticket, cancellationToken).ConfigureAwait(false);
        var started = Stopwatch.GetTimestamp();
        HttpResponseMessage? response = null;
        Exception? error = null;
        var timedOut = false;
        try
        {
            using var attemptCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            attemptCancellation.CancelAfter(timeout);
            try
            {
                // A Url made from the string is sent as written: the path segments are escaped already (OrgPath).
                var flurlRequest = new FlurlRequest(new Flurl.Url(request.Url)) { Client = _flurl };
                foreach (var header in request.Headers)
                    flurlRequest.WithHeader(header.Key, header.Value);
                var flurlResponse = await flurlRequest
                    .SendAsync(request.Method, request.Content?.Invoke(), HttpCompletionOption.ResponseContentRead, attemptCancellation.Token)
                    .ConfigureAwait(false);
                response = flurlResponse.ResponseMessage;
            }
            catch (Exception e)
            {
                // Flurl wraps every failure in FlurlHttpException; its Call holds the request with its headers, so only
                // the inner exception is kept (the token must not travel inside an exception). Flurl's own timeout
                // (FlurlHttpTimeoutException) is off, but counts as a timeout if it is ever set.
                error = e is FlurlHttpException { InnerException: { } inner } ? inner : e;
                timedOut = e is FlurlHttpTimeoutException
                    || (attemptCancellation.IsCancellationRequested && !cancellationToken.IsCancellationRequested);
            }
        }
        finally
        {
            // At once, before the retry decision and the log: a 429 must stop the next requests from going out.
            _limiter.Release(lease, response is null ? null : (int)response.StatusCode, response?.Headers);
        }

        if (_options.RequestLogger is { } log)
        {
            try
            {
                log(new AstroRequestLog
                {
                    Method = request.Method.Method,
                    Url = redactor.Apply(RedactUrl(request.Url)),
                    Attempt = attempt,
                    StatusCode = response is null ? null : (int)response.StatusCode,
                    Elapsed = Stopwatch.GetElapsedTime(started),
                    RequestHeaders = request.Headers.Select(Redact).ToList(),
                    Error = error is null ? null : timedOut ? $"timed out after {timeout}" : redactor.Apply(Innermost(error)),
                });
            }
            catch
            {
                response?.Dispose();
                throw;
            }
        }
        // The caller's cancellation ends the call at once, whatever the attempt was doing.
        if (error is not null)
            cancellationToken.ThrowIfCancellationRequested();
        return new AttemptResult(response, error, timedOut, lease.Queued);
    }

    private static KeyValuePair<string, string> Redact(KeyValuePair<string, string> header) =>
        header.Key.Equals("Authorization", StringComparison.OrdinalIgnoreCase)
            // The scheme (Bearer, Basic) stays readable; the credential never does.
            ? new(header.Key, header.Value.Split(' ')[0] + " " + AstroRequestLog.Redacted)
            : header;

    /// <summary>Redacts the signature of a pre-signed (SAS) URL: it grants write access to the blob.</summary>
    private static string RedactUrl(string url)
    {
        var q = url.IndexOf('?');
        if (q < 0)
            return url;
        var redacted = new StringBuilder(url, 0, q + 1, url.Length);
        var first = true;
        foreach (var pair in url[(q + 1)..].Split('&'))
        {
            if (!first)
                redacted.Append('&');
            first = false;
            var eq = pair.IndexOf('=');
            var name = eq < 0 ? pair : pair[..eq];
            redacted.Append(name.Equals("sig", StringComparison.OrdinalIgnoreCase) ? name + "=" + AstroRequestLog.Redacted : pair);
        }
        return redacted.ToString();
    }

    private async Task<AstroApiException> ToApiExceptionAsync(
        AttemptRequest request, HttpResponseMessage response, TimeSpan? retryAfter, Redactor redactor, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        AstroErrorBody? body = null;
        if (response.Content.Headers.ContentType?.MediaType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true)
        {
            try
            {
                body = _json.Deserialize<AstroErrorBody>(text);
            }
            catch (JsonException)
            {
                // Not Astro's error body (e.g. a proxy's); the text itself becomes the message below.
            }
        }
        // An error body may echo the request, its headers or its values: everything shown from it is redacted, then capped.
        var message = !string.IsNullOrWhiteSpace(body?.Message) ? Redactor.Cap(redactor.Apply(body.Message)) : Snippet(redactor.Apply(text));
        var requestId = body?.RequestId ?? Header(response.Headers, "x-request-id") ?? Header(response.Headers, "x-ms-request-id");
        var fieldErrors = body?.FieldErrors?.Select(f => new AstroFieldError
        {
            Field = Redactor.Cap(redactor.Apply(f.Field)),
            Code = Redactor.Cap(redactor.Apply(f.Code)),
            Message = Redactor.Cap(redactor.Apply(f.Message)),
        }).ToList();
        return new AstroApiException(request.Method.Method, request.DisplayPath, response.StatusCode, redactor.Apply(response.ReasonPhrase),
            message, requestId is null ? null : Redactor.Cap(redactor.Apply(requestId), 200), fieldErrors, retryAfter);
    }

    private static string? Header(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    /// <summary>The start of a non-Astro error body on one line, e.g. a proxy's HTML or Azure's XML.</summary>
    private static string Snippet(string text)
    {
        var oneLine = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (oneLine.Length == 0)
            return "(no message)";
        return oneLine.Length <= 300 ? oneLine : oneLine[..300] + "…";
    }
}
