using Pulumi.Astro.Simulator;

namespace Pulumi.Astro.Testing;

/// <summary>
/// The real Astro API v1 model, <c>astro-v1-model.json</c>, generated from the astro CLI's client
/// (<c>astro-client-v1/api.gen.go</c> in github:astronomer/astro-cli). It is not part of this repository: it lies in the
/// <c>shared</c> folder next to the repository root (<c>../shared/astro-v1-model.json</c>), or wherever the environment
/// variable <c>ASTRO_V1_MODEL</c> points.
/// </summary>
public static class AstroModel
{
    public const string EnvironmentVariable = "ASTRO_V1_MODEL";

    private static readonly Lazy<ApiModel> Loaded = new(() => ApiModel.Load(Path ?? throw new FileNotFoundException(
        $"astro-v1-model.json not found: expected ../shared/astro-v1-model.json beside the repository root, or set {EnvironmentVariable}")));

    /// <summary>The model file's path, or null when it cannot be found.</summary>
    public static string? Path { get; } = Find();

    /// <summary>The parsed model (read once per test run).</summary>
    public static ApiModel Model => Loaded.Value;

    private static string? Find()
    {
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } explicitPath)
            return File.Exists(explicitPath) ? System.IO.Path.GetFullPath(explicitPath) : null;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(System.IO.Path.Combine(dir.FullName, "Pulumi.Astro.sln"))) continue;
            var candidate = System.IO.Path.GetFullPath(System.IO.Path.Combine(dir.FullName, "..", "shared", "astro-v1-model.json"));
            return File.Exists(candidate) ? candidate : null;
        }
        return null;
    }
}
