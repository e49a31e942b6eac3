using Pulumi.Astro.Client;
using Pulumi.Astro.Provider.Protocol;
using Pulumi.Astro.Provider.Schema;

namespace Pulumi.Astro.Provider.Resources;

/// <summary>
/// <c>astro:index:getWorkspace</c>: a workspace by id (API fact sheet §5.7), e.g. to read its default cluster or to
/// check that a workspace id in config exists before Deployments are planned into it.
/// </summary>
public sealed class GetWorkspace : AstroFunction
{
    public static readonly Prop Id = P.Str("id", "The workspace's id.").Req();
    public static readonly Prop Name = P.Str("name", "The workspace's name.").Out().Always();
    public static readonly Prop OrganizationId = P.Str("organizationId", "The organization the workspace belongs to.").Out().Always();
    public static readonly Prop OrganizationName = P.Str("organizationName", "The organization's name.").Out();
    public static readonly Prop Description = P.Str("description", "The workspace's description.").Out();
    public static readonly Prop CicdEnforcedDefault = P.Bool("cicdEnforcedDefault", "Whether new Deployments in the workspace enforce CI/CD deploys by default.").Out().Always();
    public static readonly Prop DefaultClusterId = P.Str("defaultClusterId", "The default cluster for new Deployments, if any.").Out();
    public static readonly Prop DefaultCloudProvider = P.Str("defaultCloudProvider", "The default cloud provider (AWS, AZURE or GCP) for new STANDARD Deployments, if any.").Out();
    public static readonly Prop DefaultRegion = P.Str("defaultRegion", "The default region for new STANDARD Deployments, if any.").Out();
    public static readonly Prop CreatedAt = P.Str("createdAt", "When it was created (RFC 3339).").Out().Always();
    public static readonly Prop UpdatedAt = P.Str("updatedAt", "When it was last updated (RFC 3339).").Out().Always();

    public static readonly FunctionType Function = new("astro:index:getWorkspace",
        "Looks up an Astro workspace by id.",
        [Id],
        [Id.Out().Always(), Name, OrganizationId, OrganizationName, Description, CicdEnforcedDefault, DefaultClusterId, DefaultCloudProvider, DefaultRegion, CreatedAt, UpdatedAt]);

    public override FunctionType Type => Function;

    public override async Task<(PropertyMap Result, List<CheckFailure> Failures)> InvokeAsync(Operation op, PropertyMap args)
    {
        var failures = new List<CheckFailure>();
        args = Rules.Check(args, Function.Inputs, failures);
        if (failures.Count > 0) return (PropertyMap.Empty, failures);
        var id = args[Id.Name].Unwrapped.AsString;
        Client.Models.Workspace w;
        try
        {
            w = await op.Client.GetWorkspaceAsync(id, op.Cancellation).ConfigureAwait(false);
        }
        catch (AstroApiException e) when (e.IsNotFound)
        {
            throw new NotFoundException($"getWorkspace: no workspace with id {id} in this organization");
        }
        static KeyValuePair<string, PropertyValue> Kv(Prop p, string? s) => new(p.Name, PropertyValue.From(s));
        return (new PropertyMap(
        [
            Kv(Id, w.Id), Kv(Name, w.Name), Kv(OrganizationId, w.OrganizationId), Kv(OrganizationName, w.OrganizationName),
            Kv(Description, w.Description), new(CicdEnforcedDefault.Name, PropertyValue.From(w.CicdEnforcedDefault)),
            Kv(DefaultClusterId, w.DefaultClusterId), Kv(DefaultCloudProvider, w.DefaultCloudProvider?.Value), Kv(DefaultRegion, w.DefaultRegion),
            Kv(CreatedAt, AstroResource.Time(w.CreatedAt)), Kv(UpdatedAt, AstroResource.Time(w.UpdatedAt)),
        ]), failures);
    }
}
