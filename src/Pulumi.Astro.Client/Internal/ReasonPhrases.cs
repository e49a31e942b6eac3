using System.Net;

namespace Pulumi.Astro.Client.Internal;

/// <summary>Standard reason phrases, for responses that carry none (HTTP/2 has no reason phrase on the wire).</summary>
internal static class ReasonPhrases
{
    private static readonly Dictionary<int, string> Phrases = new()
    {
        [400] = "Bad Request",
        [401] = "Unauthorized",
        [403] = "Forbidden",
        [404] = "Not Found",
        [405] = "Method Not Allowed",
        [408] = "Request Timeout",
        [409] = "Conflict",
        [412] = "Precondition Failed",
        [413] = "Content Too Large",
        [415] = "Unsupported Media Type",
        [422] = "Unprocessable Content",
        [429] = "Too Many Requests",
        [500] = "Internal Server Error",
        [501] = "Not Implemented",
        [502] = "Bad Gateway",
        [503] = "Service Unavailable",
        [504] = "Gateway Timeout",
    };

    public static string For(HttpStatusCode status) => Phrases.GetValueOrDefault((int)status, "");
}
