using Newtonsoft.Json;

namespace Pulumi.Astro.Client.Models;

/// <summary>A page of deployment log lines (API fact sheet §5.5, DeploymentLog).</summary>
public sealed class DeploymentLog
{
    /// <summary>Entries per page.</summary>
    [JsonProperty("limit")] public int Limit { get; init; }

    /// <summary>The offset of the first entry.</summary>
    [JsonProperty("offset")] public int Offset { get; init; }

    /// <summary>The most entries across pages.</summary>
    [JsonProperty("maxNumResults")] public int MaxNumResults { get; init; }

    /// <summary>How many entries this page holds.</summary>
    [JsonProperty("resultCount")] public int ResultCount { get; init; }

    /// <summary>Pass it back as <see cref="DeploymentLogsQuery.SearchId"/> to continue the search.</summary>
    [JsonProperty("searchId")] public string SearchId { get; init; } = "";

    /// <summary>The log lines.</summary>
    [JsonProperty("results")] public IReadOnlyList<DeploymentLogEntry> Results { get; init; } = [];
}

/// <summary>One log line (§5.5).</summary>
public sealed class DeploymentLogEntry
{
    /// <summary>The raw line.</summary>
    [JsonProperty("raw")] public string Raw { get; init; } = "";

    /// <summary>The component that wrote it.</summary>
    [JsonProperty("source")] public DeploymentLogSource Source { get; init; }

    /// <summary>Unix time in seconds, as a float (§11.11).</summary>
    [JsonProperty("timestamp")] public double Timestamp { get; init; }
}

/// <summary>What to read from <see cref="IAstroClient.GetDeploymentLogsAsync"/> (§2, logs query).</summary>
public sealed class DeploymentLogsQuery
{
    /// <summary>The components to read; at least one.</summary>
    public required IReadOnlyList<DeploymentLogSource> Sources { get; init; }

    /// <summary>Entries per page.</summary>
    public int? Limit { get; init; }

    /// <summary>Entries to skip.</summary>
    public int? Offset { get; init; }

    /// <summary>How far back to look, in seconds.</summary>
    public int? Range { get; init; }

    /// <summary>The most entries across pages.</summary>
    public int? MaxNumResults { get; init; }

    /// <summary>Continues an earlier search.</summary>
    public string? SearchId { get; init; }

    /// <summary>Only lines containing this text.</summary>
    public string? SearchText { get; init; }

    /// <summary>Start of the window; give it together with <see cref="EndDate"/>.</summary>
    public DateTimeOffset? StartDate { get; init; }

    /// <summary>End of the window; give it together with <see cref="StartDate"/>.</summary>
    public DateTimeOffset? EndDate { get; init; }
}
