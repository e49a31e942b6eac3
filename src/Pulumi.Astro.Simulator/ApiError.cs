using System.Net;
using Newtonsoft.Json.Linq;

namespace Pulumi.Astro.Simulator;

/// <summary>One field of Astro's <c>fieldErrors</c> (API fact sheet §1.2).</summary>
internal sealed record FieldError(string Field, string Code, string Message);

/// <summary>
/// An API failure, answered with Astro's error body <c>{message, requestId, statusCode, fieldErrors?}</c> (§1.2).
/// Handlers throw it; one piece of middleware writes it.
/// </summary>
internal sealed class ApiError(int status, string message, IReadOnlyList<FieldError>? fieldErrors = null) : Exception(message)
{
    public int Status { get; } = status;
    public IReadOnlyList<FieldError>? FieldErrors { get; } = fieldErrors;

    public static ApiError BadRequest(string message) => new(400, message);

    public static ApiError Invalid(IReadOnlyList<FieldError> errors) =>
        new(400, errors.Count == 1
            ? $"Invalid request: {errors[0].Field}: {errors[0].Message}"
            : $"Invalid request: {errors.Count} field errors, first {errors[0].Field}: {errors[0].Message}", errors);

    public static ApiError Field(string field, string code, string message) => Invalid([new FieldError(field, code, message)]);

    public static ApiError NotFound(string what, string id) => new(404, $"{what} {id} not found");

    public static ApiError Conflict(string message) => new(409, message);

    public JObject ToBody(string requestId) => Body(Status, Message, requestId, FieldErrors);

    public static JObject Body(int status, string message, string requestId, IReadOnlyList<FieldError>? fieldErrors = null)
    {
        var body = new JObject
        {
            ["message"] = message,
            ["requestId"] = requestId,
            ["statusCode"] = status,
        };
        if (fieldErrors is { Count: > 0 })
        {
            body["fieldErrors"] = new JArray(fieldErrors.Select(e => new JObject
            {
                ["field"] = e.Field,
                ["code"] = e.Code,
                ["message"] = e.Message,
            }));
        }
        return body;
    }

    public static string ReasonPhrase(int status) => status switch
    {
        429 => "Too Many Requests",
        _ => Enum.IsDefined(typeof(HttpStatusCode), status) ? ((HttpStatusCode)status).ToString() : "Error",
    };
}
