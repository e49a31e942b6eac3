using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Pulumi.Astro.Simulator.Validation;

/// <summary>An allowed IP address range: an IPv4 or IPv6 network and its prefix length.</summary>
internal readonly record struct IpRange(byte[] Network, int Prefix)
{
    /// <summary>The canonical CIDR: the network address with the host bits cleared, e.g. <c>10.0.0.0/8</c>, <c>2001:db8::/32</c>.</summary>
    public override string ToString() => $"{new IPAddress(Network)}/{Prefix.ToString(CultureInfo.InvariantCulture)}";

    public bool Contains(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        var bytes = address.GetAddressBytes();
        return bytes.Length == Network.Length && SamePrefix(bytes, Network, Prefix);
    }

    private static bool SamePrefix(byte[] a, byte[] b, int prefix)
    {
        for (var bit = 0; bit < prefix; bit++)
        {
            var mask = (byte)(0x80 >> (bit % 8));
            if ((a[bit / 8] & mask) != (b[bit / 8] & mask)) return false;
        }
        return true;
    }
}

/// <summary>
/// CIDRs of the organization's IP access list. Unlike the cluster ranges (<see cref="Formats.Cidr"/>), IPv6 is allowed
/// and host bits may be set: the API stores and answers the canonical network (<c>10.1.2.3/8</c> becomes <c>10.0.0.0/8</c>),
/// which is why the Terraform provider keeps the planned value rather than the re-listed one
/// (resource_allowed_ip_address_ranges.go in github:astronomer/terraform-provider-astro).
/// </summary>
internal static class IpRanges
{
    public static bool TryParse(string value, out IpRange range)
    {
        range = default;
        var slash = value.IndexOf('/');
        if (slash <= 0 || value.Trim() != value) return false;
        var host = value[..slash];
        if (!IPAddress.TryParse(host, out var ip) || ip.AddressFamily is not (AddressFamily.InterNetwork or AddressFamily.InterNetworkV6)) return false;
        // IPAddress.TryParse also takes "10" or "10.1" as IPv4: a CIDR names all four octets.
        if (ip.AddressFamily == AddressFamily.InterNetwork && host.Count(c => c == '.') != 3) return false;
        // A zone (fe80::1%eth0) names an interface, not a network.
        if (host.Contains('%')) return false;
        var max = ip.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        if (!int.TryParse(value[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var prefix) || prefix > max) return false;
        var bytes = ip.GetAddressBytes();
        for (var bit = prefix; bit < max; bit++) bytes[bit / 8] &= (byte)~(0x80 >> (bit % 8));
        range = new IpRange(bytes, prefix);
        return true;
    }

    public static string? Format(string value) =>
        TryParse(value, out _) ? null : $"'{value}' is not a CIDR such as 203.0.113.0/24 or 2001:db8::/32";

    /// <summary>The canonical form of a CIDR that <see cref="TryParse"/> accepts.</summary>
    public static string Canonical(string value) => TryParse(value, out var range) ? range.ToString() : value;
}
