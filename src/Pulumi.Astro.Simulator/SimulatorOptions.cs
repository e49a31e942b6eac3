using System.Globalization;

namespace Pulumi.Astro.Simulator;

/// <summary>
/// How astro-sim starts. Every option has a default, so a bare start is useful: a free port, the token
/// <see cref="DefaultToken"/>, one seeded organization and workspace, in-memory state and short transitions.
/// </summary>
public sealed class SimulatorOptions
{
    public const string DefaultToken = "astro-sim-token";
    // Astro ids are CUIDs: 25 lower-case alphanumerics starting with 'c' (API fact sheet §1).
    public const string DefaultOrganizationId = "clsimorg00000000000000001";
    public const string DefaultWorkspaceId = "clsimwks00000000000000001";
    public const string DefaultWorkspaceName = "Default Workspace";

    /// <summary>TCP port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; set; }

    /// <summary>The bearer token astro-sim accepts on /v1 and /_sim.</summary>
    public string Token { get; set; } = DefaultToken;

    public string OrganizationId { get; set; } = DefaultOrganizationId;
    public string WorkspaceId { get; set; } = DefaultWorkspaceId;
    public string WorkspaceName { get; set; } = DefaultWorkspaceName;

    /// <summary>SQLite file for durable state, an absolute path; null keeps state in memory.</summary>
    public string? DbPath { get; set; }

    /// <summary>How long CREATING/UPDATING take for a cluster, and how long a deleted cluster stays visible.</summary>
    public double ClusterSeconds { get; set; } = 5;

    /// <summary>How long CREATING/DEPLOYING take for a deployment, and how long a deleted one stays visible.</summary>
    public double DeploymentSeconds { get; set; } = 3;

    /// <summary>How long a finalized deploy takes to roll out (deploy DEPLOYED, DAG versions converged).</summary>
    public double DeploySeconds { get; set; } = 2;

    /// <summary>The clock; tests of status derivation may substitute one.</summary>
    public TimeProvider Time { get; set; } = TimeProvider.System;

    /// <summary>
    /// Whether the image registry under <c>/v2</c> wants a Bearer token from its realm (<c>/_registry/token</c>, the Docker
    /// token flow real registries use) instead of accepting Basic <c>cli:&lt;token&gt;</c> on every request.
    /// </summary>
    public bool RegistryTokenAuth { get; set; }

    /// <summary>
    /// The Astro API v1 model (<c>astro-v1-model.json</c>: types, required fields, operations) that lean and null answers
    /// follow. Read once at startup; astro-sim carries no copy of its own.
    /// </summary>
    public string? ModelPath { get; set; }

    /// <summary>How answers are shaped at startup and after a reset; lean and null need <see cref="ModelPath"/>.</summary>
    public ResponseMode Responses { get; set; } = ResponseMode.Full;

    /// <summary>Requests per second each API token may make (a token bucket); null leaves the API unlimited.</summary>
    public double? RateLimit { get; set; }

    /// <summary>How many requests a token may make at once before the rate applies; defaults to the rate, at least 1.</summary>
    public int? RateBurst { get; set; }

    /// <summary>
    /// A status Astro's model does not list (e.g. <c>PROVISIONING</c>) that Deployments and Clusters show for the first
    /// <see cref="TransitionalFraction"/> of each create or update transition; null shows only the model's statuses.
    /// </summary>
    public string? TransitionalStatus { get; set; }

    /// <summary>The part of a transition (0 to 1) that shows <see cref="TransitionalStatus"/>.</summary>
    public double TransitionalFraction { get; set; } = 0.5;

    /// <summary>Whether the request log keeps each API request's and response's JSON body (for contract tests).</summary>
    public bool LogBodies { get; set; }

    internal const string Usage = """
        usage: astro-sim [options]
          --port N                 TCP port on 127.0.0.1 (default 0: a free port)
          --token T                bearer token to accept (default astro-sim-token)
          --organization-id O      seeded organization id (default clsimorg00000000000000001)
          --workspace-id W         seeded workspace id (default clsimwks00000000000000001)
          --workspace-name NAME    seeded workspace name (default "Default Workspace")
          --db FILE                persist state in this SQLite file (default: in memory)
          --cluster-seconds S      cluster create/update/delete transition time (default 5)
          --deployment-seconds S   deployment create/update/delete transition time (default 3)
          --deploy-seconds S       deploy roll-out time after finalize (default 2)
          --registry-token-auth    the image registry (/v2) wants Bearer tokens from /_registry/token
          --model FILE             the Astro API v1 model (astro-v1-model.json) that lean/null answers follow
          --responses MODE         full (default), lean (optional fields left out) or null (optional fields null);
                                   lean and null need --model
          --rate-limit N           each API token may make N requests per second (token bucket; default: unlimited);
                                   beyond it astro-sim answers 429 with Retry-After
          --rate-burst B           requests a token may make at once (default: N, at least 1); needs --rate-limit
          --transitional-status S  Deployments and Clusters show status S (e.g. PROVISIONING) for the first half of
                                   every create/update transition
          --log-bodies             keep request and response bodies in the request log (/_sim/requests)
          --help                   print this text
        The first line on stdout is the base URL, e.g. http://127.0.0.1:41234; the API is under /v1.
        """;

    /// <summary>Parses command-line options; throws <see cref="ArgumentException"/> with a clear message on bad input.</summary>
    public static SimulatorOptions Parse(IReadOnlyList<string> args)
    {
        var o = new SimulatorOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            string? inline = null;
            var eq = arg.IndexOf('=');
            if (arg.StartsWith("--", StringComparison.Ordinal) && eq > 0)
            {
                inline = arg[(eq + 1)..];
                arg = arg[..eq];
            }

            string Value()
            {
                if (inline is not null) return inline;
                if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                    throw new ArgumentException($"option {arg} needs a value");
                return args[++i];
            }

            switch (arg)
            {
                case "--port":
                    o.Port = ParseInt(arg, Value(), 0, 65535);
                    break;
                case "--token":
                    o.Token = NonEmpty(arg, Value());
                    break;
                case "--organization-id":
                    o.OrganizationId = Id(arg, Value());
                    break;
                case "--workspace-id":
                    o.WorkspaceId = Id(arg, Value());
                    break;
                case "--workspace-name":
                    o.WorkspaceName = NonEmpty(arg, Value());
                    break;
                case "--db":
                    // Relative to the caller's directory, the one `dotnet run` starts it in too (the project file turns
                    // off the Web SDK's run-in-the-project-folder default).
                    o.DbPath = Path.GetFullPath(NonEmpty(arg, Value()));
                    break;
                case "--cluster-seconds":
                    o.ClusterSeconds = ParseSeconds(arg, Value());
                    break;
                case "--deployment-seconds":
                    o.DeploymentSeconds = ParseSeconds(arg, Value());
                    break;
                case "--deploy-seconds":
                    o.DeploySeconds = ParseSeconds(arg, Value());
                    break;
                case "--registry-token-auth":
                    o.RegistryTokenAuth = true;
                    break;
                case "--model":
                    o.ModelPath = NonEmpty(arg, Value());
                    break;
                case "--responses":
                    o.Responses = ParseResponses(arg, Value());
                    break;
                case "--rate-limit":
                    o.RateLimit = ParseRate(arg, Value());
                    break;
                case "--rate-burst":
                    o.RateBurst = ParseInt(arg, Value(), 1, 1_000_000);
                    break;
                case "--transitional-status":
                    o.TransitionalStatus = NonEmpty(arg, Value());
                    break;
                case "--log-bodies":
                    o.LogBodies = true;
                    break;
                default:
                    throw new ArgumentException($"unknown option '{args[i]}'");
            }
        }
        o.Validate();
        return o;
    }

    /// <summary>Checks the options that depend on each other; throws <see cref="ArgumentException"/> with a clear message.</summary>
    public void Validate()
    {
        if (Responses != ResponseMode.Full && string.IsNullOrWhiteSpace(ModelPath))
            throw new ArgumentException(
                $"--responses {ResponseModes.Name(Responses)} needs --model FILE: lean and null answers follow the API model's required fields (astro-v1-model.json)");
        if (RateBurst is not null && RateLimit is null)
            throw new ArgumentException("--rate-burst needs --rate-limit");
        if (RateLimit is { } rate && (double.IsNaN(rate) || rate <= 0 || rate > 1_000_000))
            throw new ArgumentException("--rate-limit must be more than 0 and at most 1000000 requests per second");
        if (TransitionalFraction is not (> 0 and <= 1))
            throw new ArgumentException("the transitional fraction must be more than 0 and at most 1");
    }

    private static ResponseMode ParseResponses(string name, string value) =>
        ResponseModes.TryParse(value, out var mode)
            ? mode
            : throw new ArgumentException($"option {name} must be full, lean or null, not '{value}'");

    private static double ParseRate(string name, string value) =>
        double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var r) && r > 0 && r <= 1_000_000
            ? r
            : throw new ArgumentException($"option {name} must be a number of requests per second above 0, not '{value}'");

    private static int ParseInt(string name, string value, int min, int max) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n
            : throw new ArgumentException($"option {name} must be a whole number from {min} to {max}, not '{value}'");

    private static double ParseSeconds(string name, string value) =>
        double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var s) && s >= 0 && s <= 86_400
            ? s
            : throw new ArgumentException($"option {name} must be a number of seconds from 0 to 86400, not '{value}'");

    private static string NonEmpty(string name, string value) =>
        string.IsNullOrWhiteSpace(value) ? throw new ArgumentException($"option {name} must not be empty") : value;

    private static string Id(string name, string value) =>
        Ids.IsValidId(value) ? value : throw new ArgumentException($"option {name} must be 1-64 lower-case letters and digits, not '{value}'");
}
