using Newtonsoft.Json;

namespace Pulumi.Astro.Client.Models;

// Response models follow one rule: a field the API fact sheet marks R is non-nullable (a string reads as "" and a
// list as empty if Astro ever leaves it out), a field marked O is nullable, so "absent" stays visible.

/// <summary>Who created or last changed an object (API fact sheet §5.5, BasicSubjectProfile).</summary>
public sealed class BasicSubjectProfile
{
    /// <summary>The user's or API token's id.</summary>
    [JsonProperty("id")] public string Id { get; init; } = "";

    /// <summary>USER or SERVICEKEY.</summary>
    [JsonProperty("subjectType")] public SubjectType? SubjectType { get; init; }

    /// <summary>The user name (users only).</summary>
    [JsonProperty("username")] public string? Username { get; init; }

    /// <summary>The full name (users only).</summary>
    [JsonProperty("fullName")] public string? FullName { get; init; }

    /// <summary>The avatar URL (users only).</summary>
    [JsonProperty("avatarUrl")] public string? AvatarUrl { get; init; }

    /// <summary>The API token's name (API tokens only).</summary>
    [JsonProperty("apiTokenName")] public string? ApiTokenName { get; init; }
}

/// <summary>One field that failed request validation (§1.2); only 400s from binding or validation carry these.</summary>
public sealed class AstroFieldError
{
    /// <summary>The field, as Astro names it.</summary>
    [JsonProperty("field")] public string Field { get; init; } = "";

    /// <summary>A machine-readable code.</summary>
    [JsonProperty("code")] public string Code { get; init; } = "";

    /// <summary>What is wrong with the field.</summary>
    [JsonProperty("message")] public string Message { get; init; } = "";

    /// <inheritdoc/>
    public override string ToString() => $"{Field}: {Message}";
}

/// <summary>The body of every Astro error response (§1.2).</summary>
internal sealed class AstroErrorBody
{
    [JsonProperty("message")] public string? Message { get; init; }

    [JsonProperty("requestId")] public string? RequestId { get; init; }

    [JsonProperty("statusCode")] public int? StatusCode { get; init; }

    [JsonProperty("fieldErrors")] public IReadOnlyList<AstroFieldError>? FieldErrors { get; init; }
}

/// <summary>Offset and limit of a list call (§1.3). Leave both unset for Astro's defaults (offset 0, limit 20).</summary>
public abstract class PageQuery
{
    /// <summary>How many items to skip; at least 0.</summary>
    public int? Offset { get; init; }

    /// <summary>How many items to return, 0 to 1000. The "all pages" methods use 1000 when this is unset.</summary>
    public int? Limit { get; init; }
}

/// <summary>A list response's paging fields and items, so one loop can walk every list (§1.3).</summary>
internal interface IPage<out T>
{
    IReadOnlyList<T> Items { get; }

    int TotalCount { get; }
}
