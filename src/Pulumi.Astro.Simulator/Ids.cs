using System.Security.Cryptography;

namespace Pulumi.Astro.Simulator;

/// <summary>Astro-shaped identifiers: CUIDs of 25 lower-case alphanumerics starting with 'c' (API fact sheet §1).</summary>
internal static class Ids
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

    public static string NewId() => "c" + RandomString(24);

    public static string RandomString(int length) => RandomNumberGenerator.GetString(Alphabet, length);

    public static bool IsValidId(string value) =>
        value.Length is >= 1 and <= 64 && value.All(ch => ch is (>= 'a' and <= 'z') or (>= '0' and <= '9'));

    private static readonly string[] Adjectives = ["weightless", "quiet", "amber", "rapid", "gentle", "polar", "lunar", "civic", "stellar", "boreal"];
    private static readonly string[] Nouns = ["diameter", "meridian", "orbit", "quasar", "nebula", "comet", "zenith", "apogee", "parsec", "eclipse"];

    /// <summary>A Kubernetes namespace like Astro's, e.g. <c>weightless-diameter-8927</c> (§5.3).</summary>
    public static string NewNamespace() =>
        $"{Adjectives[RandomNumberGenerator.GetInt32(Adjectives.Length)]}-{Nouns[RandomNumberGenerator.GetInt32(Nouns.Length)]}-{RandomNumberGenerator.GetInt32(1000, 10000)}";
}
