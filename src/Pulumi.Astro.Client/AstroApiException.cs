using System.Net;
using System.Text;
using Pulumi.Astro.Client.Models;

namespace Pulumi.Astro.Client;

/// <summary>
/// Astro answered with an error status (API fact sheet §1.2). The message reads like a log line:
/// <c>POST /v1/organizations/o1/deployments: 400 Bad Request: invalid request (requestId r1) [name: is required]</c>.
/// Built by <see cref="AstroClient"/>, Astro's message and field errors are redacted (see <see cref="AstroRedaction"/>)
/// and each part is capped at 4,096 characters with a note of how many were cut.
/// </summary>
public sealed class AstroApiException : AstroException
{
    /// <summary>Creates the exception from the parts of Astro's error answer.</summary>
    public AstroApiException(
        string method,
        string path,
        HttpStatusCode statusCode,
        string? reasonPhrase,
        string astroMessage,
        string? requestId,
        IReadOnlyList<AstroFieldError>? fieldErrors,
        TimeSpan? retryAfter = null)
        : base(method, path, Format(method, path, statusCode, reasonPhrase, astroMessage, requestId, fieldErrors))
    {
        StatusCode = statusCode;
        AstroMessage = astroMessage;
        RequestId = requestId;
        FieldErrors = fieldErrors ?? [];
        RetryAfter = retryAfter;
    }

    /// <summary>The HTTP status.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>Astro's own <c>message</c>, or the start of the body when it was not Astro's error JSON.</summary>
    public string AstroMessage { get; }

    /// <summary>Astro's <c>requestId</c>, to quote to Astronomer support.</summary>
    public string? RequestId { get; }

    /// <summary>Per-field validation failures; empty unless a 400 from request validation.</summary>
    public IReadOnlyList<AstroFieldError> FieldErrors { get; }

    /// <summary>The server's <c>Retry-After</c>, if it sent one (429, 503).</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>Whether the object does not exist (404); a read treats that as "gone", a delete as done (style.md 4).</summary>
    public bool IsNotFound => StatusCode == HttpStatusCode.NotFound;

    internal static string Format(
        string method,
        string path,
        HttpStatusCode statusCode,
        string? reasonPhrase,
        string astroMessage,
        string? requestId,
        IReadOnlyList<AstroFieldError>? fieldErrors)
    {
        var s = new StringBuilder();
        s.Append(method).Append(' ').Append(path).Append(": ").Append((int)statusCode);
        var reason = string.IsNullOrEmpty(reasonPhrase) ? Internal.ReasonPhrases.For(statusCode) : reasonPhrase;
        if (!string.IsNullOrEmpty(reason))
            s.Append(' ').Append(reason);
        s.Append(": ").Append(astroMessage);
        if (!string.IsNullOrEmpty(requestId))
            s.Append(" (requestId ").Append(requestId).Append(')');
        // Astro answers a request with many bad fields with one error each: the list is capped like the message.
        if (fieldErrors is { Count: > 0 })
            s.Append(" [").Append(Internal.Redactor.Cap(string.Join("; ", fieldErrors))).Append(']');
        return s.ToString();
    }
}
