using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Pulumi.Astro.Provider.Protocol;
using Pulumi.Astro.Provider.Schema;

namespace Pulumi.Astro.Provider;

/// <summary>
/// The secret strings one call must never show: the configured API token and every secret value of the call's
/// inputs. <see cref="Redact"/> replaces each of them, also in its JSON- and URL-escaped forms (an error body may
/// echo the request it refused), with <see cref="Marker"/>. Values shorter than <see cref="MinLength"/> characters
/// are not redacted: they would match by chance all over a message and hide nothing worth hiding.
/// </summary>
public sealed class Redactor
{
    public const string Marker = "[secret]";
    public const int MinLength = 4;

    public static readonly Redactor None = new([]);

    // Longest first, so a secret that contains another is replaced whole.
    private readonly string[] _forms;

    public Redactor(IEnumerable<string> secrets)
    {
        Secrets = secrets.Where(s => s.Length >= MinLength).ToHashSet(StringComparer.Ordinal);
        _forms = Secrets
            .SelectMany(s => new[] { s, JavaScriptEncoder.UnsafeRelaxedJsonEscaping.Encode(s), JavaScriptEncoder.Default.Encode(s), Uri.EscapeDataString(s) })
            .Where(f => f.Length >= MinLength)
            .Distinct(StringComparer.Ordinal)
            .OrderByDescending(f => f.Length)
            .ToArray();
    }

    public IReadOnlySet<string> Secrets { get; }

    public Redactor With(IEnumerable<string> more) => new(Secrets.Concat(more));

    public string Redact(string text)
    {
        foreach (var form in _forms)
            if (text.Contains(form, StringComparison.Ordinal)) text = text.Replace(form, Marker, StringComparison.Ordinal);
        return text;
    }

    /// <summary>
    /// The secret strings of <paramref name="values"/>: every string (and number) inside a secret-wrapped value at any
    /// depth, and every value of a property <paramref name="props"/> marks secret (e.g. an environment variable's value,
    /// which a program may pass unwrapped).
    /// </summary>
    public static IEnumerable<string> SecretsOf(IEnumerable<Prop> props, params PropertyMap?[] values)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        var byName = props.GroupBy(p => p.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var map in values)
        {
            if (map is null) continue;
            foreach (var (key, value) in map.Entries) Collect(value, byName.GetValueOrDefault(key), secret: false, found, depth: 0);
        }
        return found;
    }

    private static void Collect(PropertyValue value, Prop? prop, bool secret, HashSet<string> found, int depth)
    {
        // The engine's protobuf limit keeps values far shallower than this; it only guards the stack.
        if (depth > 256) return;
        secret |= value.IsSecret || prop?.Secret == true;
        var plain = value.Unwrapped;
        switch (plain.Kind)
        {
            case PropertyKind.String when secret:
                found.Add(plain.AsString);
                break;
            case PropertyKind.Number when secret:
                found.Add(plain.AsNumber.ToString(CultureInfo.InvariantCulture));
                break;
            case PropertyKind.Array:
                foreach (var item in plain.AsArray) Collect(item, prop?.Type == PropType.Array ? prop.Items : null, secret, found, depth + 1);
                break;
            case PropertyKind.Object:
                foreach (var (key, item) in plain.AsObject.Entries)
                {
                    var child = prop?.Type switch
                    {
                        PropType.Object => prop.Object!.Props.FirstOrDefault(p => p.Name == key),
                        PropType.Map => prop.Items,
                        _ => null,
                    };
                    Collect(item, child, secret, found, depth + 1);
                }
                break;
        }
    }
}

/// <summary>
/// Text the plugin sends to the engine (a gRPC status message, a partial-state reason, a log line, a Check failure
/// reason) is redacted and capped at <see cref="MaxBytes"/> UTF-8 bytes. A status message travels in HTTP/2 trailers,
/// and clients limit their size: .NET's HttpClient, under grpc-dotnet, fails the call once response headers pass
/// 64 KiB (<c>SocketsHttpHandler.MaxResponseHeadersLength</c>), so an Astro error listing a thousand field errors
/// would never arrive. A longer message is cut, with a note of how much was cut.
/// </summary>
public static class EngineText
{
    /// <summary>
    /// 8 KiB: about a hundred lines of Astro field errors. Percent-encoding in the <c>grpc-message</c> trailer and the
    /// copy in <c>grpc-status-details-bin</c> (base64) keep the trailers of an error below 40 KiB.
    /// </summary>
    public const int MaxBytes = 8 * 1024;

    public static string Clean(string text, Redactor redactor) => Cap(redactor.Redact(text));

    /// <summary>The text, or its start and a note such as <c>[… 58,112 of 66,304 bytes cut]</c>.</summary>
    public static string Cap(string text, int maxBytes = MaxBytes)
    {
        if (text.Length <= maxBytes / 3 || Encoding.UTF8.GetByteCount(text) <= maxBytes) return text;
        var total = Encoding.UTF8.GetByteCount(text);
        var keep = maxBytes - 64;
        // Cut at a character boundary (never inside a surrogate pair) within the byte budget.
        var chars = 0;
        var bytes = 0;
        while (chars < text.Length)
        {
            var width = char.IsHighSurrogate(text[chars]) && chars + 1 < text.Length ? 2 : 1;
            var size = Encoding.UTF8.GetByteCount(text.AsSpan(chars, width));
            if (bytes + size > keep) break;
            bytes += size;
            chars += width;
        }
        return text[..chars] + string.Create(CultureInfo.InvariantCulture, $" [… {total - bytes:N0} of {total:N0} bytes cut]");
    }
}
