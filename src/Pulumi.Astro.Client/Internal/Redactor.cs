using System.Text;
using System.Text.RegularExpressions;
using Newtonsoft.Json;

namespace Pulumi.Astro.Client.Internal;

/// <summary>
/// Removes secrets from text the client shows: given values (the token, the caller's secrets, see
/// <see cref="AstroRedaction"/>) wherever they occur, and any credential that follows <c>Bearer</c> or an
/// <c>Authorization</c> header name, as an error body that echoes the request would carry it.
/// </summary>
internal sealed partial class Redactor
{
    private const string Marker = AstroRequestLog.Redacted;

    // The value of an echoed Authorization header: a quoted JSON or text value, or the rest of a "Name: value" line.
    [GeneratedRegex("""(?<name>\bauthorization["']?\s*[:=]\s*\[?\s*)(?:"(?:[^"\\]|\\.)*"|'[^']*'|(?!\[redacted\])[^\r\n]+)""",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AuthorizationValue();

    // A bearer credential (RFC 6750 §2.1 b64token) wherever it appears.
    [GeneratedRegex(@"(?<scheme>\bbearer\s+)(?!\[redacted\])[A-Za-z0-9\-._~+/]+=*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BearerCredential();

    private readonly string[] _values;

    /// <param name="always">Values redacted whatever their length (the client's own credentials).</param>
    /// <param name="values">The caller's values; short ones and booleans are skipped (see <see cref="AstroRedaction"/>).</param>
    public Redactor(IEnumerable<string> always, IEnumerable<string> values)
    {
        var all = new HashSet<string>(StringComparer.Ordinal);
        foreach (var value in always.Where(v => v.Length > 0))
            AddWithEscaped(all, value);
        foreach (var value in values.Where(Redactable))
            AddWithEscaped(all, value);
        // Longest first, so a value that contains another is replaced whole.
        _values = [.. all.OrderByDescending(v => v.Length).ThenBy(v => v, StringComparer.Ordinal)];
    }

    private static bool Redactable(string value) =>
        value.Length >= 3 && !value.Equals("true", StringComparison.OrdinalIgnoreCase) && !value.Equals("false", StringComparison.OrdinalIgnoreCase);

    private static void AddWithEscaped(HashSet<string> set, string value)
    {
        set.Add(value);
        var json = JsonConvert.ToString(value);
        var escaped = json[1..^1];
        if (escaped != value)
            set.Add(escaped);
    }

    /// <summary>The text with every secret replaced by <see cref="AstroRequestLog.Redacted"/>.</summary>
    public string Apply(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return text ?? "";
        var s = new StringBuilder(text);
        foreach (var value in _values)
            s.Replace(value, Marker);
        var result = s.ToString();
        result = AuthorizationValue().Replace(result, m => m.Groups["name"].Value + Marker);
        return BearerCredential().Replace(result, m => m.Groups["scheme"].Value + Marker);
    }

    /// <summary>
    /// At most <paramref name="max"/> characters of <paramref name="text"/>, with a note of how many were cut, so an
    /// error built from a huge response body stays a readable size.
    /// </summary>
    public static string Cap(string text, int max = MaxMessage) =>
        text.Length <= max ? text : string.Concat(text.AsSpan(0, max), $"… ({text.Length - max} characters cut)");

    /// <summary>How much of Astro's message text (and of its field errors) an exception message keeps.</summary>
    public const int MaxMessage = 4096;
}
