using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Cronos;

namespace Pulumi.Astro.Simulator.Validation;

/// <summary>Value formats that Astro checks: Kubernetes quantities, CIDRs, 5-part crons, RFC 3339 times (§4, §8).</summary>
internal static partial class Formats
{
    // The Kubernetes quantity syntax the Terraform provider accepts (§8): optional '+', a decimal number, then an
    // optional binary (Ki..Ei) or decimal (m, k, M, G, T, P, E) suffix or an exponent.
    [GeneratedRegex(@"^\+?(\d+(\.\d*)?|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|m|k|M|G|T|P|E|[eE][+-]?\d+)?$")]
    private static partial Regex QuantityRegex();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailRegex();

    public static string? Quantity(string value) =>
        QuantityRegex().IsMatch(value) ? null : $"'{value}' is not a Kubernetes quantity such as \"1\", \"500m\" or \"2Gi\"";

    /// <summary>CPU cores of a quantity such as "0.5", "2" or "500m"; null when it is not a CPU quantity.</summary>
    public static decimal? Cores(string value)
    {
        if (value.EndsWith('m') && decimal.TryParse(value[..^1], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var milli))
            return milli / 1000m;
        return decimal.TryParse(value.TrimStart('+'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var cores) ? cores : null;
    }

    /// <summary>GiB of a memory quantity with an explicit Gi suffix (§8 requires it); null otherwise.</summary>
    public static decimal? Gibibytes(string value) =>
        value.EndsWith("Gi", StringComparison.Ordinal)
        && decimal.TryParse(value[..^2], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var gi) ? gi : null;

    public static string? Email(string value) => EmailRegex().IsMatch(value) ? null : $"'{value}' is not an email address";

    public static string? Cidr(string value) => TryParseCidr(value, out _) ? null : $"'{value}' is not an IPv4 CIDR such as 172.20.0.0/22";

    public static string? Cron(string value)
    {
        if (value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length != 5)
            return $"'{value}' is not a 5-part cron expression";
        try
        {
            CronExpression.Parse(value, CronFormat.Standard);
            return null;
        }
        catch (CronFormatException e)
        {
            return $"'{value}' is not a valid cron expression: {e.Message}";
        }
    }

    public static string? Timestamp(string value) =>
        TryParseTime(value, out _) ? null : $"'{value}' is not an RFC 3339 timestamp such as 2026-01-02T15:04:05Z";

    public static bool TryParseTime(string value, out DateTimeOffset time) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time)
        && (value.EndsWith('Z') || value.EndsWith('z') || value.Length > 19 && (value[^6] == '+' || value[^6] == '-'));

    public static string FormatTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static bool TryParseCidr(string value, out (uint Network, int Prefix) cidr)
    {
        cidr = default;
        var slash = value.IndexOf('/');
        if (slash <= 0) return false;
        if (!IPAddress.TryParse(value[..slash], out var ip) || ip.AddressFamily != AddressFamily.InterNetwork) return false;
        if (value[..slash].Count(c => c == '.') != 3) return false;
        if (!int.TryParse(value[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var prefix) || prefix is < 0 or > 32)
            return false;
        var bytes = ip.GetAddressBytes();
        var address = (uint)(bytes[0] << 24 | bytes[1] << 16 | bytes[2] << 8 | bytes[3]);
        var mask = prefix == 0 ? 0u : uint.MaxValue << (32 - prefix);
        // A CIDR names its network address; host bits set (e.g. 10.0.0.1/8) are malformed.
        if ((address & ~mask) != 0) return false;
        cidr = (address, prefix);
        return true;
    }

    public static bool Overlaps((uint Network, int Prefix) a, (uint Network, int Prefix) b)
    {
        var prefix = Math.Min(a.Prefix, b.Prefix);
        var mask = prefix == 0 ? 0u : uint.MaxValue << (32 - prefix);
        return (a.Network & mask) == (b.Network & mask);
    }
}
