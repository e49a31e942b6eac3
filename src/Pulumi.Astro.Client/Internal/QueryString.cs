using System.Globalization;
using System.Text;

namespace Pulumi.Astro.Client.Internal;

/// <summary>
/// Builds a query string one parameter at a time. Arrays are sent form-exploded, as repeated keys
/// (<c>sorts=name:asc&amp;sorts=createdAt:desc</c>, API fact sheet §1.3). Null values are left out.
/// </summary>
internal sealed class QueryString
{
    private readonly StringBuilder _text = new();

    public QueryString Add(string name, string? value)
    {
        if (value is null)
            return this;
        _text.Append(_text.Length == 0 ? '?' : '&')
            .Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
        return this;
    }

    public QueryString Add(string name, int? value) => Add(name, value?.ToString(CultureInfo.InvariantCulture));

    public QueryString Add(string name, bool? value) => Add(name, value is null ? null : value.Value ? "true" : "false");

    public QueryString Add(string name, DateTimeOffset? value) =>
        Add(name, value?.UtcDateTime.ToString(Models.TimestampConverter.Format, CultureInfo.InvariantCulture));

    public QueryString AddEach(string name, IEnumerable<string>? values)
    {
        foreach (var value in values ?? [])
            Add(name, value);
        return this;
    }

    public override string ToString() => _text.ToString();
}
