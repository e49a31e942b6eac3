using System.Text.RegularExpressions;

namespace Pulumi.Astro.Simulator.Validation;

// Key and value formats of environment objects. Airflow accepts connection ids and variable keys of letters, digits,
// '_', '.' and '-' (airflow/models/connection.py, RE_SANITIZE_CONN_ID); an environment variable name is a POSIX
// shell name. Astro stores both in Airflow, so astro-sim checks them at the API.
internal static partial class Formats
{
    [GeneratedRegex(@"^[A-Za-z0-9_.\-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex AirflowKeyRegex();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex EnvironmentKeyRegex();

    [GeneratedRegex(@"^arn:aws[a-z\-]*:iam::[0-9]{12}:role/[\w+=,.@\-/]+$", RegexOptions.CultureInvariant)]
    private static partial Regex RoleArnRegex();

    /// <summary>The longest key Airflow stores (the conn_id and key columns are 250 characters).</summary>
    public const int MaxObjectKey = 250;

    public static string? AirflowKey(string value) =>
        AirflowKeyRegex().IsMatch(value) ? null : $"'{value}' may only contain letters, digits, '_', '.' and '-'";

    public static string? EnvironmentKey(string value) =>
        EnvironmentKeyRegex().IsMatch(value) ? null : $"'{value}' is not an environment variable name: a letter or '_', then letters, digits or '_'";

    public static string? HttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) && uri.Host.Length > 0
            ? null
            : $"'{value}' is not an http or https URL";

    public static string? RoleArn(string value) =>
        RoleArnRegex().IsMatch(value) ? null : $"'{value}' is not an AWS IAM role ARN such as arn:aws:iam::123456789012:role/name";
}
