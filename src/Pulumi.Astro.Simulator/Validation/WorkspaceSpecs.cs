using static Pulumi.Astro.Simulator.Validation.F;

namespace Pulumi.Astro.Simulator.Validation;

/// <summary>
/// Workspace request types (the model's CreateWorkspaceRequest and UpdateWorkspaceRequest). The name's 50 characters
/// are the Terraform provider's limit (terraform-provider-astro, <c>internal/provider/schemas/workspace.go</c>).
/// </summary>
internal static class WorkspaceSpecs
{
    private static FieldSpec[] Defaults =>
    [
        Str("defaultCloudProvider").OneOf(Catalog.CloudProviders),
        Str("defaultRegion"),
        Str("defaultClusterId"),
    ];

    public static readonly ObjectSpec CreateWorkspace = new("CreateWorkspaceRequest",
        [Str("name").Req().Len(50), Str("description"), Bool("cicdEnforcedDefault"), .. Defaults]);

    // An update replaces the workspace's settings: name, description and cicdEnforcedDefault are required.
    public static readonly ObjectSpec UpdateWorkspace = new("UpdateWorkspaceRequest",
        [Str("name").Req().Len(50), Str("description").Req(), Bool("cicdEnforcedDefault").Req(), .. Defaults]);
}
