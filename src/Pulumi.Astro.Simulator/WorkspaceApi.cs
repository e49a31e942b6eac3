using Newtonsoft.Json.Linq;
using Pulumi.Astro.Simulator.Validation;

namespace Pulumi.Astro.Simulator;

/// <summary>
/// Workspaces: create, read, update and delete (the model's CreateWorkspace, GetWorkspace, ListWorkspaces,
/// UpdateWorkspace, DeleteWorkspace). A workspace that still has Deployments cannot be deleted.
/// </summary>
internal sealed partial class AstroSim
{
    public JObject GetWorkspace(string id) => Public(FindWorkspace(id));

    public JObject ListWorkspaces(IQueryCollection query)
    {
        var ids = query["workspaceIds"].Where(n => n is not null).ToHashSet();
        var names = query["names"].Where(n => n is not null).ToHashSet();
        var items = Store.All(SimStore.Workspace).ToList()
            .Where(w => ids.Count == 0 || ids.Contains((string)w["id"]!))
            .Where(w => names.Count == 0 || names.Contains((string)w["name"]!));
        return Page("workspaces", items, query, Public, sortable: true);
    }

    public JObject CreateWorkspace(JObject body)
    {
        Validator.Require(body, WorkspaceSpecs.CreateWorkspace);
        CheckWorkspace(body);
        var id = Ids.NewId();
        var nowMs = NowMs;
        var now = Stamp(nowMs);
        var ws = new JObject
        {
            ["id"] = id,
            ["name"] = body["name"],
            ["organizationId"] = Options.OrganizationId,
            ["organizationName"] = OrganizationName,
            ["cicdEnforcedDefault"] = Bool(body, "cicdEnforcedDefault") ?? false,
            ["createdAt"] = now,
            ["updatedAt"] = now,
            ["createdBy"] = Subject(),
            ["updatedBy"] = Subject(),
            [Internal] = new JObject { ["created"] = nowMs },
        };
        CopyFields(body, ws, "description", "defaultCloudProvider", "defaultRegion", "defaultClusterId");
        Store.Put(SimStore.Workspace, id, ws);
        return Public(ws);
    }

    /// <summary>An update replaces the settings: a default the body leaves out is cleared.</summary>
    public JObject UpdateWorkspace(string id, JObject body)
    {
        var ws = FindWorkspace(id);
        Validator.Require(body, WorkspaceSpecs.UpdateWorkspace);
        CheckWorkspace(body);
        ws["name"] = body["name"];
        ws["description"] = body["description"];
        ws["cicdEnforcedDefault"] = body["cicdEnforcedDefault"];
        CopyFields(body, ws, "defaultCloudProvider", "defaultRegion", "defaultClusterId");
        ws["updatedAt"] = Stamp();
        ws["updatedBy"] = Subject();
        Store.Put(SimStore.Workspace, id, ws);
        return Public(ws);
    }

    /// <summary>
    /// Deletes a workspace with nothing in it: a Deployment that is not already being deleted refuses the delete (400).
    /// What belongs to the workspace goes with it: its environment objects and workspace API tokens, its roles on
    /// other tokens, and its place on clusters' workspace lists.
    /// </summary>
    public void DeleteWorkspace(string id)
    {
        FindWorkspace(id);
        var deployments = Live(SimStore.Deployment)
            .Where(d => Str(d, "workspaceId") == id && Ms(Sim(d), "goneAt") is null)
            .Select(d => (string)d["id"]!)
            .ToList();
        if (deployments.Count > 0)
        {
            throw ApiError.BadRequest(
                $"workspace {id} still has {deployments.Count} Deployment{(deployments.Count == 1 ? "" : "s")} ({string.Join(", ", deployments)}); delete {(deployments.Count == 1 ? "it" : "them")} before the workspace");
        }
        foreach (var obj in Store.All(SimStore.EnvironmentObject).ToList().Where(o => Str(o, "scope") == "WORKSPACE" && Str(o, "scopeEntityId") == id))
            Store.Remove(SimStore.EnvironmentObject, (string)obj["id"]!);
        RemoveRolesOf("WORKSPACE", id);
        foreach (var cluster in Store.All(SimStore.Cluster).ToList())
        {
            if (cluster["workspaceIds"] is JArray list && list.FirstOrDefault(w => (string?)w == id) is { } entry)
            {
                entry.Remove();
                Store.Put(SimStore.Cluster, (string)cluster["id"]!, cluster);
            }
        }
        Store.Remove(SimStore.Workspace, id);
    }

    private JObject FindWorkspace(string id) => Store.Get(SimStore.Workspace, id) ?? throw ApiError.NotFound("workspace", id);

    /// <summary>The rules between a workspace's fields (the model's field descriptions of CreateWorkspaceRequest).</summary>
    private void CheckWorkspace(JObject body)
    {
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(Str(body, "name")))
            errors.Add(new FieldError("name", "invalid", "must not be blank"));
        string? provider = Str(body, "defaultCloudProvider"), region = Str(body, "defaultRegion"), cluster = Str(body, "defaultClusterId");
        if (cluster is not null)
        {
            foreach (var f in new[] { "defaultCloudProvider", "defaultRegion" }.Where(f => Str(body, f) is not null))
                errors.Add(new FieldError(f, "not_allowed", "is mutually exclusive with defaultClusterId"));
            if (Find(SimStore.Cluster, cluster) is not { } c || Ms(Sim(c), "goneAt") is not null)
                errors.Add(new FieldError("defaultClusterId", "invalid", $"cluster {cluster} not found"));
        }
        else if (provider is null != region is null)
            errors.Add(new FieldError(provider is null ? "defaultCloudProvider" : "defaultRegion", "required", "defaultCloudProvider and defaultRegion must be given together"));
        else if (provider is not null && Catalog.CloudProviders.Contains(provider) && !Catalog.Regions[provider].Contains(region!))
            errors.Add(new FieldError("defaultRegion", "oneof", $"'{region}' is not an {provider} region; cluster-options lists them"));
        if (errors.Count > 0) throw ApiError.Invalid(errors);
    }
}
