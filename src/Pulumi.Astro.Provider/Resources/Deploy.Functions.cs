using Pulumi.Astro.Provider.Protocol;
using Pulumi.Astro.Provider.Schema;
using Api = Pulumi.Astro.Client.Models;

namespace Pulumi.Astro.Provider.Resources;

/// <summary><c>astro:index:getDeploy</c>: one deploy of a Deployment, with the fields the Deploy resource outputs (§5.6).</summary>
public sealed class GetDeploy : AstroFunction
{
    private static readonly Prop DeploymentIdArg = P.Str("deploymentId", "The Deployment the deploy belongs to.").Req();
    private static readonly Prop DeployIdArg = P.Str("deployId", "The deploy's id.").Req();

    // Astro's tag; a function has no CI tag input, so it keeps the API's name (the resource calls it deployedImageTag).
    private static readonly Prop GetImageTag = Deploy.DeployedImageTag with { Name = "imageTag", Description = "The image tag Astro assigned to the deploy (§5.6)." };

    // The same properties as the resource's outputs, so the two never drift; a function result has no id, so the
    // deploymentId and the deploy's type, description and git come along.
    public static readonly FunctionType Schema = new("astro:index:getDeploy",
        "Reads one deploy of a Deployment: its status, type, DAG tarball version, image, git metadata and times.",
        [DeploymentIdArg, DeployIdArg],
        [
            Deploy.DeploymentId with { Required = true, ReplaceOnChanges = false, Description = "The Deployment the deploy belongs to." },
            Deploy.TypeProp with { Required = true, ReplaceOnChanges = false, Default = null, Description = "What the deploy shipped: DAG_ONLY, IMAGE_ONLY or IMAGE_AND_DAG." },
            Deploy.Description with { Description = "The deploy's description." },
            Deploy.Git with { ReplaceOnChanges = false, Description = "Git metadata of the deployed code." },
            Deploy.DeployId, Deploy.Status, Deploy.DagTarballVersion, Deploy.ImageRepository, GetImageTag, Deploy.IsDagDeployEnabled,
            Deploy.Bundles, Deploy.RollbackFromId, Deploy.AirflowVersion, Deploy.AstroRuntimeVersion, Deploy.CreatedAt, Deploy.UpdatedAt,
        ]);

    public override FunctionType Type => Schema;

    public override async Task<(PropertyMap Result, List<CheckFailure> Failures)> InvokeAsync(Operation op, PropertyMap args)
    {
        var failures = new List<CheckFailure>();
        Rules.Check(args, Schema.Inputs, failures);
        if (failures.Count > 0) return (PropertyMap.Empty, failures);
        var deploymentId = args[DeploymentIdArg.Name].Unwrapped.AsString;
        var d = await op.Client.GetDeployAsync(deploymentId, args[DeployIdArg.Name].Unwrapped.AsString, op.Cancellation).ConfigureAwait(false);
        return (Result(d), failures);
    }

    public static PropertyMap Result(Api.Deploy d)
    {
        var entries = new List<KeyValuePair<string, PropertyValue>>
        {
            new(Deploy.DeploymentId.Name, PropertyValue.From(d.DeploymentId)),
            new(Deploy.TypeProp.Name, PropertyValue.From(d.Type.Value)),
            new(Deploy.Description.Name, PropertyValue.From(d.Description)),
        };
        entries.AddRange(Deploy.ComputedOf(d).Entries.Select(e => e.Key == Deploy.DeployedImageTag.Name ? new(GetImageTag.Name, e.Value) : e));
        if (d.Git is { } g) entries.Add(new(Deploy.Git.Name, Deploy.GitValue(g)));
        return Rules.Known(new PropertyMap(entries.Where(e => !e.Value.IsNull)));
    }
}
