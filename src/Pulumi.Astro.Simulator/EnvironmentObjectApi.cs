using Newtonsoft.Json.Linq;
using Pulumi.Astro.Simulator.Validation;

namespace Pulumi.Astro.Simulator;

/// <summary>
/// Environment objects: Airflow connections and variables, environment variables and metrics exports, scoped to a
/// workspace or a Deployment (the model's CreateEnvironmentObject, GetEnvironmentObject, ListEnvironmentObjects,
/// UpdateEnvironmentObject, DeleteEnvironmentObject, ExcludeLinkingEnvironmentObject). A workspace object reaches its
/// Deployments through links (with per-link overrides), or all of them with autoLinkDeployments except those in
/// excludeLinks.
/// </summary>
/// <remarks>
/// Secret values are never answered: a secret variable's value comes back empty, a connection's password and a
/// metrics export's password and token are left out, and <c>setFields</c> says which of them are set (the model's field
/// descriptions of EnvironmentObject). Like Astro, the organization does not allow <c>showSecrets</c>. Update
/// semantics follow what the astro CLI found live (astro-cli, <c>cloud/env/link.go</c>, echoPreservedFields): a
/// <c>links</c> or <c>excludeLinks</c> list left out of an update removes them all, a left-out
/// <c>autoLinkDeployments</c> turns it off, while fields left out of a link entry or of the typed object are kept, and
/// an empty value for a secret variable keeps the stored one.
/// </remarks>
internal sealed partial class AstroSim
{
    private static readonly IReadOnlyDictionary<string, string> EnvironmentObjectSorts = new Dictionary<string, string>
    {
        ["createdAt"] = "createdAt",
        ["objectKey"] = "objectKey",
        ["objectType"] = "objectType",
        ["updatedAt"] = "updatedAt",
    };

    public JObject CreateEnvironmentObject(JObject body)
    {
        Validator.Require(body, EnvironmentObjectSpecs.CreateEnvironmentObject);
        var type = (string)body["objectType"]!;
        var scope = (string)body["scope"]!;
        var entity = (string)body["scopeEntityId"]!;
        var key = (string)body["objectKey"]!;
        var errors = new List<FieldError>();
        if ((type == "ENVIRONMENT_VARIABLE" ? Formats.EnvironmentKey(key) : Formats.AirflowKey(key)) is { } badKey)
            errors.Add(new FieldError("objectKey", "invalid", badKey));
        CheckTypedField(body, type, errors);
        if (scope == "WORKSPACE" ? Store.Get(SimStore.Workspace, entity) is null : LiveDeployment(entity) is null)
            errors.Add(new FieldError("scopeEntityId", "invalid", $"{scope.ToLowerInvariant()} {entity} not found"));
        CheckScopeOnly(body, scope, errors);
        var fields = body[TypeField(type)] as JObject ?? [];
        if (type is "AIRFLOW_VARIABLE" or "ENVIRONMENT_VARIABLE")
        {
            fields["isSecret"] = Bool(fields, "isSecret") ?? false;
            fields["value"] = Str(fields, "value") ?? "";
        }
        CheckFields(type, fields, TypeField(type), errors);
        var links = NewLinks(body["links"] as JArray, type, errors);
        CheckLinks(links, body["excludeLinks"] as JArray, scope == "WORKSPACE" ? entity : null, errors);
        if (errors.Count > 0) throw ApiError.Invalid(errors);
        if (LiveEnvironmentObjects().Any(o => Str(o, "scopeEntityId") == entity && Str(o, "objectType") == type && Str(o, "objectKey") == key))
            throw ApiError.Conflict($"a {type} object with key '{key}' already exists in {scope.ToLowerInvariant()} {entity}");

        var id = Ids.NewId();
        var nowMs = NowMs;
        var now = Stamp(nowMs);
        var obj = new JObject
        {
            ["id"] = id,
            ["objectKey"] = key,
            ["objectType"] = type,
            ["scope"] = scope,
            ["scopeEntityId"] = entity,
            ["createdAt"] = now,
            ["updatedAt"] = now,
            ["createdBy"] = Subject(),
            ["updatedBy"] = Subject(),
            [Internal] = new JObject { ["created"] = nowMs, ["hidden"] = new JObject() },
        };
        CopyFields(body, obj, "description");
        if (scope == "WORKSPACE")
        {
            obj["autoLinkDeployments"] = Bool(body, "autoLinkDeployments") ?? false;
            obj["excludeLinks"] = Excludes(body["excludeLinks"] as JArray);
        }
        SetFields(obj, fields);
        SetLinks(obj, links);
        Store.Put(SimStore.EnvironmentObject, id, obj);
        return new JObject { ["id"] = id };
    }

    public JObject GetEnvironmentObject(string id) => RenderEnvironmentObject(FindEnvironmentObject(id));

    public JObject UpdateEnvironmentObject(string id, JObject body)
    {
        var obj = FindEnvironmentObject(id);
        Validator.Require(body, EnvironmentObjectSpecs.UpdateEnvironmentObject);
        var type = (string)obj["objectType"]!;
        var scope = (string)obj["scope"]!;
        var errors = new List<FieldError>();
        CheckTypedField(body, type, errors);
        CheckScopeOnly(body, scope, errors);
        var fields = FullFields(obj);
        if (body[TypeField(type)] is JObject change) MergeFields(type, fields, change);
        CheckFields(type, fields, TypeField(type), errors);
        var links = UpdatedLinks(obj, body["links"] as JArray, type, errors);
        CheckLinks(links, body["excludeLinks"] as JArray, scope == "WORKSPACE" ? (string)obj["scopeEntityId"]! : null, errors);
        if (errors.Count > 0) throw ApiError.Invalid(errors);

        if (body.ContainsKey("description")) CopyFields(body, obj, "description");
        if (scope == "WORKSPACE")
        {
            obj["autoLinkDeployments"] = Bool(body, "autoLinkDeployments") ?? false;
            obj["excludeLinks"] = Excludes(body["excludeLinks"] as JArray);
        }
        SetFields(obj, fields);
        SetLinks(obj, links);
        obj["updatedAt"] = Stamp();
        obj["updatedBy"] = Subject();
        Store.Put(SimStore.EnvironmentObject, id, obj);
        return RenderEnvironmentObject(obj);
    }

    public void DeleteEnvironmentObject(string id)
    {
        FindEnvironmentObject(id);
        Store.Remove(SimStore.EnvironmentObject, id);
    }

    /// <summary>
    /// Keeps one Deployment from an auto-linked workspace object. Excluding an excluded Deployment again changes
    /// nothing; excluding an explicitly linked one is a conflict (remove the link first, as the astro CLI says).
    /// </summary>
    public void ExcludeLinkEnvironmentObject(string id, JObject body)
    {
        var obj = FindEnvironmentObject(id);
        Validator.Require(body, EnvironmentObjectSpecs.ExcludeLink);
        if (Str(obj, "scope") != "WORKSPACE")
            throw ApiError.BadRequest($"environment object {id} is DEPLOYMENT-scoped; only workspace objects link to Deployments");
        var dep = (string)body["scopeEntityId"]!;
        var errors = new List<FieldError>();
        CheckLinkTarget(dep, (string)obj["scopeEntityId"]!, "scopeEntityId", errors);
        if (errors.Count > 0) throw ApiError.Invalid(errors);
        if ((obj["links"] as JArray ?? []).Any(l => (string?)l["scopeEntityId"] == dep))
            throw ApiError.Conflict($"environment object {id} is linked to deployment {dep} explicitly; remove the link before excluding it");
        var excludes = obj["excludeLinks"] as JArray ?? [];
        if (excludes.Any(e => (string?)e["scopeEntityId"] == dep)) return;
        excludes.Add(new JObject { ["scope"] = "DEPLOYMENT", ["scopeEntityId"] = dep });
        obj["excludeLinks"] = excludes;
        obj["updatedAt"] = Stamp();
        obj["updatedBy"] = Subject();
        Store.Put(SimStore.EnvironmentObject, id, obj);
    }

    /// <summary>
    /// Lists objects of a workspace or a Deployment (or of the organization, given neither). With
    /// <c>resolveLinked=true</c> a Deployment's list also has the workspace objects that reach it, merged with the
    /// link's overrides and without ids (they are not addressable, as the astro CLI notes); the Deployment's own object of
    /// the same type and key wins.
    /// </summary>
    public JObject ListEnvironmentObjects(IQueryCollection query)
    {
        if (QueryBool(query, "showSecrets") == true)
            throw new ApiError(403, $"showSecrets on organization with id {Options.OrganizationId} is not allowed");
        var resolve = QueryBool(query, "resolveLinked") ?? false;
        var workspaceId = query["workspaceId"].FirstOrDefault();
        var deploymentId = query["deploymentId"].FirstOrDefault();
        if (workspaceId is not null && deploymentId is not null)
            throw ApiError.Field("deploymentId", "not_allowed", "give workspaceId or deploymentId, not both");
        if (workspaceId is not null && Store.Get(SimStore.Workspace, workspaceId) is null) throw ApiError.NotFound("workspace", workspaceId);
        if (deploymentId is not null && LiveDeployment(deploymentId) is null) throw ApiError.NotFound("deployment", deploymentId);
        var objectType = query["objectType"].FirstOrDefault();
        if (objectType is not null && !AccessCatalog.ObjectTypes.Contains(objectType))
            throw ApiError.Field("objectType", "oneof", $"must be one of {string.Join(", ", AccessCatalog.ObjectTypes)}, not '{objectType}'");
        var objectKey = query["objectKey"].FirstOrDefault();

        var live = LiveEnvironmentObjects();
        var entity = workspaceId ?? deploymentId;
        var views = live.Where(o => entity is null || Str(o, "scopeEntityId") == entity).Select(RenderForList).ToList();
        if (resolve && deploymentId is not null)
        {
            var own = views.Select(v => (Str(v, "objectType"), Str(v, "objectKey"))).ToHashSet();
            var workspace = Str(LiveDeployment(deploymentId)!, "workspaceId");
            views.AddRange(live
                .Where(o => Str(o, "scope") == "WORKSPACE" && Str(o, "scopeEntityId") == workspace && LinkedTo(o, deploymentId))
                .Where(o => !own.Contains((Str(o, "objectType"), Str(o, "objectKey"))))
                .Select(o => Resolved(o, deploymentId)));
        }
        var items = views
            .Where(v => objectType is null || Str(v, "objectType") == objectType)
            .Where(v => objectKey is null || Str(v, "objectKey") == objectKey);
        return Page("environmentObjects", items, query, Public, sortable: true, EnvironmentObjectSorts);
    }

    private JObject FindEnvironmentObject(string id) =>
        LiveEnvironmentObjects().FirstOrDefault(o => (string?)o["id"] == id) ?? throw ApiError.NotFound("environment object", id);

    private JObject? LiveDeployment(string id) => Find(SimStore.Deployment, id) is { } d && Ms(Sim(d), "goneAt") is null ? d : null;

    /// <summary>
    /// Objects whose workspace or Deployment still exists: a deleted Deployment's objects go with it, and links and
    /// exclusions of deleted Deployments drop out of workspace objects.
    /// </summary>
    private List<JObject> LiveEnvironmentObjects()
    {
        var live = new List<JObject>();
        foreach (var obj in Store.All(SimStore.EnvironmentObject).ToList())
        {
            var id = (string)obj["id"]!;
            var entity = (string)obj["scopeEntityId"]!;
            if (Str(obj, "scope") == "DEPLOYMENT" ? Find(SimStore.Deployment, entity) is null : Store.Get(SimStore.Workspace, entity) is null)
            {
                Store.Remove(SimStore.EnvironmentObject, id);
                continue;
            }
            var changed = false;
            foreach (var list in new[] { obj["links"] as JArray, obj["excludeLinks"] as JArray })
            {
                foreach (var gone in (list ?? []).Where(l => Find(SimStore.Deployment, (string)l["scopeEntityId"]!) is null).ToList())
                {
                    if (ReferenceEquals(list, obj["links"]))
                        foreach (var p in Hidden(obj).Properties().Where(p => p.Name.StartsWith($"links.{gone["scopeEntityId"]}.", StringComparison.Ordinal)).ToList()) p.Remove();
                    gone.Remove();
                    changed = true;
                }
            }
            if (changed) Store.Put(SimStore.EnvironmentObject, id, obj);
            live.Add(obj);
        }
        return live;
    }

    /// <summary>Whether a workspace object reaches a Deployment: linked explicitly, or auto-linked and not excluded.</summary>
    private static bool LinkedTo(JObject obj, string deploymentId) =>
        (obj["links"] as JArray ?? []).Any(l => (string?)l["scopeEntityId"] == deploymentId)
        || Bool(obj, "autoLinkDeployments") == true && !(obj["excludeLinks"] as JArray ?? []).Any(e => (string?)e["scopeEntityId"] == deploymentId);

    private static JArray Excludes(JArray? requested) =>
        new((requested ?? []).OfType<JObject>().Select(e => new JObject { ["scope"] = e["scope"], ["scopeEntityId"] = e["scopeEntityId"] }));

    /// <summary>The object's type names one typed field, which must be there; the other three must not.</summary>
    private static void CheckTypedField(JObject body, string type, List<FieldError> errors)
    {
        var field = TypeField(type);
        if (body[field] is not JObject)
            errors.Add(new FieldError(field, "required", $"is required for {type} objects"));
        foreach (var other in AccessCatalog.ObjectTypes.Where(t => t != type).Select(TypeField))
            if (body[other] is { Type: not JTokenType.Null })
                errors.Add(new FieldError(other, "not_allowed", $"is not allowed for {type} objects"));
    }

    /// <summary>Links, exclusions and auto-linking are for workspace objects only (the model's field descriptions).</summary>
    private static void CheckScopeOnly(JObject body, string scope, List<FieldError> errors)
    {
        if (scope != "DEPLOYMENT") return;
        foreach (var f in new[] { "links", "excludeLinks" }.Where(f => body[f] is JArray { Count: > 0 }))
            errors.Add(new FieldError(f, "not_allowed", "is only for WORKSPACE objects"));
        if (Bool(body, "autoLinkDeployments") == true)
            errors.Add(new FieldError("autoLinkDeployments", "not_allowed", "is only for WORKSPACE objects"));
    }

    /// <summary>Checks that a link or exclusion names a live Deployment of the object's workspace.</summary>
    private void CheckLinkTarget(string deploymentId, string workspaceId, string path, List<FieldError> errors)
    {
        var dep = LiveDeployment(deploymentId);
        if (dep is null)
            errors.Add(new FieldError(path, "invalid", $"deployment {deploymentId} not found"));
        else if (Str(dep, "workspaceId") != workspaceId)
            errors.Add(new FieldError(path, "invalid", $"deployment {deploymentId} is not in workspace {workspaceId}"));
    }

    private void CheckLinks(List<Link> links, JArray? excludes, string? workspaceId, List<FieldError> errors)
    {
        if (workspaceId is null) return;
        var linked = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < links.Count; i++)
        {
            var path = $"links[{i}].scopeEntityId";
            CheckLinkTarget(links[i].DeploymentId, workspaceId, path, errors);
            if (!linked.Add(links[i].DeploymentId)) errors.Add(new FieldError(path, "unique", $"deployment {links[i].DeploymentId} is linked twice"));
        }
        var excluded = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < (excludes?.Count ?? 0); i++)
        {
            var dep = (string)excludes![i]["scopeEntityId"]!;
            var path = $"excludeLinks[{i}].scopeEntityId";
            CheckLinkTarget(dep, workspaceId, path, errors);
            if (!excluded.Add(dep)) errors.Add(new FieldError(path, "unique", $"deployment {dep} is excluded twice"));
            if (linked.Contains(dep)) errors.Add(new FieldError(path, "invalid", $"deployment {dep} is also linked; a Deployment is either linked or excluded"));
        }
    }
}
