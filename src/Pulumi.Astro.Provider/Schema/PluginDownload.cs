using System.Reflection;

namespace Pulumi.Astro.Provider.Schema;

/// <summary>
/// Where the engine downloads this plugin from when a program or a generated SDK needs it and it is not installed: the
/// schema's <c>pluginDownloadURL</c> (pkg/codegen/schema/pulumi.json in pulumi/pulumi). A
/// <c>github://api.github.com/&lt;owner&gt;/&lt;repo&gt;</c> URL makes the engine fetch the release asset
/// <c>pulumi-resource-astro-v&lt;version&gt;-&lt;os&gt;-&lt;arch&gt;.tar.gz</c> of tag <c>v&lt;version&gt;</c>
/// (sdk/go/common/workspace/plugins.go in pulumi/pulumi). It is set at build time with the MSBuild property
/// <c>AstroPluginDownloadUrl</c> (scripts/package.sh <c>--plugin-download-url</c>); the default is in the project file.
/// </summary>
public static class PluginDownload
{
    public const string MetadataKey = "PluginDownloadURL";

    public static string Url { get; } =
        typeof(PluginDownload).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == MetadataKey)?.Value ?? "";
}
