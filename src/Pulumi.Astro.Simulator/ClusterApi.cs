using Newtonsoft.Json.Linq;
using Pulumi.Astro.Simulator.Validation;

namespace Pulumi.Astro.Simulator;

/// <summary>Clusters (API fact sheet §4.5, §4.6, §5.1, §7.1).</summary>
internal sealed partial class AstroSim
{
    private static readonly string[] ClusterPendingStatuses = ["CREATING", "UPDATING", "UPGRADE_PENDING", "FAILING_OVER"];

    public JObject CreateCluster(JObject body)
    {
        var provider = DiscriminatorOf(body, "cloudProvider", Catalog.CloudProviders);
        var spec = provider switch
        {
            "AWS" => Specs.CreateAwsCluster,
            "AZURE" => Specs.CreateAzureCluster,
            _ => Specs.CreateGcpCluster,
        };
        Validator.Require(body, spec);
        var errors = new List<FieldError>();
        var type = (string)body["type"]!;
        var region = (string)body["region"]!;
        if (!Catalog.Regions[provider].Contains(region))
            errors.Add(new FieldError("region", "oneof", $"'{region}' is not an {provider} region; cluster-options lists them"));
        if (type == "HYBRID")
        {
            // §8: hybrid clusters live in the customer's account.
            if (Str(body, "providerAccount") is null) errors.Add(new FieldError("providerAccount", "required", "is required for HYBRID clusters"));
            if (Str(body, "dbInstanceType") is null) errors.Add(new FieldError("dbInstanceType", "required", "is required for HYBRID clusters"));
        }
        if (Str(body, "dbInstanceType") is { } db && !Catalog.For(Catalog.DatabaseInstances, provider).Contains(db))
            errors.Add(new FieldError("dbInstanceType", "oneof", $"must be one of {string.Join(", ", Catalog.For(Catalog.DatabaseInstances, provider))}"));
        CheckDrFields(body, provider, Str(body, "drRegion") is not null, errors);
        CheckRangesDoNotOverlap(body, errors);
        CheckNodePools(body["nodePools"] as JArray, provider, errors);
        CheckWorkspaceIds(body["workspaceIds"] as JArray, errors);
        if (errors.Count > 0) throw ApiError.Invalid(errors);

        var id = Ids.NewId();
        var nowMs = NowMs;
        var now = Stamp(nowMs);
        var cluster = new JObject
        {
            ["id"] = id,
            ["name"] = body["name"],
            ["organizationId"] = Options.OrganizationId,
            ["cloudProvider"] = provider,
            ["type"] = type,
            ["region"] = region,
            ["vpcSubnetRange"] = body["vpcSubnetRange"],
            ["dbInstanceType"] = Str(body, "dbInstanceType") ?? Catalog.DatabaseInstances[provider][0],
            ["drRegion"] = Str(body, "drRegion") ?? "",
            ["isDrEnabled"] = Str(body, "drRegion") is not null,
            ["createdAt"] = now,
            ["updatedAt"] = now,
            ["isLimited"] = false,
            ["failoverInProgress"] = false,
            ["isFailedOver"] = false,
            ["metadata"] = new JObject
            {
                ["externalIPs"] = new JArray("203.0.113." + (nowMs % 200 + 10)),
                ["kubeDnsIp"] = "10.0.0.10",
                ["oidcIssuerUrl"] = $"https://oidc.astro-sim.local/{id}",
            },
            ["workspaceIds"] = body["workspaceIds"]?.DeepClone() ?? new JArray(),
            ["tags"] = body["k8sTags"]?.DeepClone() ?? new JArray(),
            [Internal] = new JObject
            {
                ["created"] = nowMs,
                ["busyStatus"] = "CREATING",
                ["busySince"] = nowMs,
                ["busyUntil"] = After(nowMs, Timings.ClusterSeconds),
            },
        };
        CopyFields(body, cluster, "podSubnetRange", "serviceSubnetRange", "servicePeeringRange", "providerAccount", "tenantId",
            "secondaryVpcCidr", "drVpcSubnetRange", "drSecondaryVpcCidr", "drPodSubnetRange", "drServiceSubnetRange",
            "drServicePeeringRange", "enableReplicationTimeControl", "isPrivateNetworkEgressEnabled");
        // Astro's create defaults: the DR VPC and secondary CIDRs default to the primary ones; private egress is off.
        if ((bool)cluster["isDrEnabled"]! && provider != "GCP")
        {
            if (cluster["drVpcSubnetRange"] is null or { Type: JTokenType.Null }) cluster["drVpcSubnetRange"] = cluster["vpcSubnetRange"]!.DeepClone();
            if (provider == "AWS" && cluster["drSecondaryVpcCidr"] is null or { Type: JTokenType.Null } && cluster["secondaryVpcCidr"] is { Type: JTokenType.String } secondary)
                cluster["drSecondaryVpcCidr"] = secondary.DeepClone();
        }
        if (provider == "AWS" && cluster["isPrivateNetworkEgressEnabled"] is null or { Type: JTokenType.Null }) cluster["isPrivateNetworkEgressEnabled"] = false;
        cluster["nodePools"] = NodePools(body["nodePools"] as JArray, id, provider, type, now, null);
        Store.Put(SimStore.Cluster, id, cluster);
        return RenderCluster(cluster);
    }

    public JObject GetCluster(string id) => RenderCluster(FindCluster(id));

    public JObject UpdateCluster(string id, JObject body)
    {
        var cluster = FindCluster(id);
        var type = (string)cluster["type"]!;
        // clusterType is optional on the dedicated variant (§3), so a missing one means DEDICATED.
        var clusterType = body["clusterType"] is null or { Type: JTokenType.Null } && type == "DEDICATED"
            ? "DEDICATED"
            : DiscriminatorOf(body, "clusterType", Catalog.ClusterTypes);
        if (clusterType != type)
            throw ApiError.Field("clusterType", "invalid", $"is {clusterType} but cluster {id} is a {type} cluster");
        Validator.Require(body, clusterType == "HYBRID" ? Specs.UpdateHybridCluster : Specs.UpdateDedicatedCluster);
        var status = ClusterStatus(cluster);
        if (ClusterPendingStatuses.Contains(status) || Ms(Sim(cluster), "goneAt") is not null)
            throw ApiError.Conflict($"a workflow is already running for the cluster {id} (status {status})");

        var provider = (string)cluster["cloudProvider"]!;
        var errors = new List<FieldError>();
        var drEnabled = Bool(body, "enableDr") ?? (bool)cluster["isDrEnabled"]!;
        if (Bool(body, "enableDr") == true && !(bool)cluster["isDrEnabled"]! && provider != "AZURE")
            errors.Add(new FieldError("enableDr", "not_allowed", "enabling DR on an existing AWS or GCP cluster is only possible through the admin API"));
        if (drEnabled && Str(body, "drRegion") is null && Str(cluster, "drRegion") is "" && Bool(body, "enableDr") == true)
            errors.Add(new FieldError("drRegion", "required", "is required when enabling DR"));
        if (!drEnabled)
        {
            foreach (var f in new[] { "drRegion", "drVpcSubnetRange", "drPodSubnetRange", "drServiceSubnetRange", "drServicePeeringRange", "isFailedOver" })
            {
                if (body[f] is { Type: not JTokenType.Null } && !(f == "isFailedOver" && Bool(body, f) == false))
                    errors.Add(new FieldError(f, "not_allowed", "is only valid when DR is enabled"));
            }
        }
        if (provider != "GCP")
        {
            foreach (var f in new[] { "drPodSubnetRange", "drServiceSubnetRange", "drServicePeeringRange" })
                if (body[f] is { Type: not JTokenType.Null }) errors.Add(new FieldError(f, "not_allowed", $"is not allowed for {provider} clusters"));
        }
        if (provider != "AWS" && body["isPrivateNetworkEgressEnabled"] is { Type: not JTokenType.Null })
            errors.Add(new FieldError("isPrivateNetworkEgressEnabled", "not_allowed", $"is not allowed for {provider} clusters"));
        if (Str(body, "dbInstanceType") is { } db && !Catalog.For(Catalog.DatabaseInstances, provider).Contains(db))
            errors.Add(new FieldError("dbInstanceType", "oneof", $"must be one of {string.Join(", ", Catalog.For(Catalog.DatabaseInstances, provider))}"));
        CheckNodePools(body["nodePools"] as JArray, provider, errors);
        CheckWorkspaceIds(body["workspaceIds"] as JArray, errors);
        if (body["nodePools"] is JArray pools)
        {
            var known = (cluster["nodePools"] as JArray ?? []).Select(p => (string?)p["id"]).ToHashSet();
            for (var i = 0; i < pools.Count; i++)
                if (Str((JObject)pools[i], "id") is { } poolId && !known.Contains(poolId))
                    errors.Add(new FieldError($"nodePools[{i}].id", "invalid", $"node pool {poolId} does not belong to cluster {id}"));
        }
        if (errors.Count > 0) throw ApiError.Invalid(errors);

        var nowMs = NowMs;
        var now = Stamp(nowMs);
        if (clusterType == "DEDICATED")
        {
            cluster["name"] = body["name"];
            cluster["tags"] = body["k8sTags"]!.DeepClone();
            if (Str(body, "dbInstanceType") is { } newDb) cluster["dbInstanceType"] = newDb;
            if (body["nodePools"] is JArray newPools)
                cluster["nodePools"] = NodePools(newPools, id, provider, type, now, cluster["nodePools"] as JArray);
            cluster["isDrEnabled"] = drEnabled;
            if (!drEnabled)
            {
                cluster["drRegion"] = "";
                foreach (var f in new[] { "drVpcSubnetRange", "drSecondaryVpcCidr", "drPodSubnetRange", "drServiceSubnetRange", "drServicePeeringRange" })
                    cluster.Remove(f);
                cluster["isFailedOver"] = false;
            }
            else if (Str(body, "drRegion") is { } drRegion) cluster["drRegion"] = drRegion;
            foreach (var f in new[] { "drVpcSubnetRange", "drPodSubnetRange", "drServiceSubnetRange", "drServicePeeringRange", "enableReplicationTimeControl", "isPrivateNetworkEgressEnabled", "isFailedOver" })
                if (body[f] is { Type: not JTokenType.Null } v && (drEnabled || !f.StartsWith("dr", StringComparison.Ordinal))) cluster[f] = v.DeepClone();
        }
        // workspaceIds: absent keeps the current list, [] removes every mapping (§4.6).
        if (body["workspaceIds"] is JArray ws) cluster["workspaceIds"] = ws.DeepClone();
        // The model's Cluster has updatedAt but no updatedBy (unlike Deployment).
        cluster["updatedAt"] = now;
        var sim = Sim(cluster);
        var failover = Bool(body, "isFailedOver") is { } fo && fo != ((bool?)cluster["isFailedOver"] ?? false);
        sim["busyStatus"] = failover ? "FAILING_OVER" : "UPDATING";
        sim["busySince"] = nowMs;
        sim["busyUntil"] = After(nowMs, Timings.ClusterSeconds);
        Store.Put(SimStore.Cluster, id, cluster);
        return RenderCluster(cluster);
    }

    public void DeleteCluster(string id)
    {
        var cluster = FindCluster(id);
        var sim = Sim(cluster);
        if (Ms(sim, "goneAt") is not null) return;
        var status = ClusterStatus(cluster);
        if (ClusterPendingStatuses.Contains(status))
            throw ApiError.Conflict($"a workflow is already running for the cluster {id} (status {status})");
        var inUse = Live(SimStore.Deployment).Where(d => Str(d, "clusterId") == id && Ms(Sim(d), "goneAt") is null).Select(d => (string)d["id"]!).ToList();
        if (inUse.Count > 0)
            throw ApiError.BadRequest($"cluster {id} still has deployments: {string.Join(", ", inUse)}; delete them first");
        // Deletion is asynchronous (§7.1): the cluster stays visible until it disappears with a 404.
        sim["goneAt"] = After(NowMs, Timings.ClusterSeconds);
        Store.Put(SimStore.Cluster, id, cluster);
    }

    public JObject ListClusters(IQueryCollection query)
    {
        var names = query["names"].Where(n => n is not null).ToHashSet();
        var provider = query["provider"].FirstOrDefault();
        if (provider is not null && !Catalog.CloudProviders.Contains(provider))
            throw ApiError.Field("provider", "oneof", $"must be one of {string.Join(", ", Catalog.CloudProviders)}");
        var items = Live(SimStore.Cluster)
            .Where(c => names.Count == 0 || names.Contains((string)c["name"]!))
            .Where(c => provider is null || (string)c["cloudProvider"]! == provider);
        return Page("clusters", items, query, RenderCluster, sortable: true);
    }

    private JObject FindCluster(string id) => Find(SimStore.Cluster, id) ?? throw ApiError.NotFound("cluster", id);

    public string ClusterStatus(JObject cluster)
    {
        var sim = Sim(cluster);
        if (Str(sim, "forced") is { } forced) return forced;
        return Ms(sim, "busyUntil") is { } until && NowMs < until ? (string)sim["busyStatus"]! : "CREATED";
    }

    private JObject RenderCluster(JObject cluster)
    {
        var status = ClusterStatus(cluster);
        var view = Public(cluster);
        view["status"] = Shown(Transitional.Cluster, cluster, status);
        var sim = Sim(cluster);
        var health = status switch
        {
            "CREATED" => "HEALTHY",
            "CREATE_FAILED" or "UPDATE_FAILED" or "FAILOVER_FAILED" or "ACCESS_DENIED" => "UNHEALTHY",
            _ => "UNKNOWN",
        };
        var healthStatus = new JObject { ["value"] = health };
        if (health == "UNHEALTHY")
        {
            healthStatus["details"] = new JArray(new JObject
            {
                ["code"] = status,
                ["description"] = Str(sim, "forcedReason") ?? $"cluster is {status}",
                ["severity"] = "ERROR",
                ["component"] = "cluster",
            });
        }
        view["healthStatus"] = healthStatus;
        if (status == "FAILING_OVER") view["failoverInProgress"] = true;
        return view;
    }

    private JArray NodePools(JArray? requested, string clusterId, string provider, string type, string now, JArray? existing)
    {
        if (requested is null || requested.Count == 0)
        {
            if (existing is not null && requested is null) return existing;
            requested = [new JObject { ["name"] = "default", ["nodeInstanceType"] = Catalog.For(Catalog.NodeInstances, provider).FirstOrDefault(), ["maxNodeCount"] = 20, ["isDefault"] = true }];
        }
        var result = new JArray();
        var anyDefault = requested.Any(p => Bool((JObject)p, "isDefault") == true);
        for (var i = 0; i < requested.Count; i++)
        {
            var p = (JObject)requested[i];
            var prior = Str(p, "id") is { } pid ? existing?.FirstOrDefault(e => (string?)e["id"] == pid) as JObject : null;
            var pool = new JObject
            {
                ["id"] = Str(p, "id") ?? Ids.NewId(),
                ["name"] = p["name"],
                ["clusterId"] = clusterId,
                ["cloudProvider"] = provider,
                ["isDefault"] = Bool(p, "isDefault") ?? (!anyDefault && i == 0),
                ["maxNodeCount"] = p["maxNodeCount"],
                ["nodeInstanceType"] = p["nodeInstanceType"],
                ["createdAt"] = prior?["createdAt"] ?? now,
                ["updatedAt"] = now,
            };
            if (type == "DEDICATED") pool["supportedAstroMachines"] = new JArray(Catalog.AstroMachines.Take(4));
            result.Add(pool);
        }
        return result;
    }

    private static void CheckDrFields(JObject body, string provider, bool drOn, List<FieldError> errors)
    {
        string[] drFields = ["drVpcSubnetRange", "drSecondaryVpcCidr", "drPodSubnetRange", "drServiceSubnetRange", "drServicePeeringRange", "enableReplicationTimeControl"];
        if (!drOn)
        {
            foreach (var f in drFields.Where(f => body[f] is { Type: not JTokenType.Null }))
                errors.Add(new FieldError(f, "not_allowed", "is only valid when DR is enabled (set drRegion)"));
            return;
        }
        var region = (string)body["drRegion"]!;
        if (!Catalog.For(Catalog.Regions, provider).Contains(region))
            errors.Add(new FieldError("drRegion", "oneof", $"'{region}' is not an {provider} region"));
        else if (region == Str(body, "region"))
            errors.Add(new FieldError("drRegion", "invalid", "must differ from region"));
        if (provider == "GCP")
        {
            // §8: GCP DR needs drRegion and all four DR ranges.
            foreach (var f in new[] { "drVpcSubnetRange", "drPodSubnetRange", "drServiceSubnetRange", "drServicePeeringRange" })
                if (Str(body, f) is null) errors.Add(new FieldError(f, "required", "is required for GCP clusters with DR"));
        }
    }

    private static void CheckRangesDoNotOverlap(JObject body, List<FieldError> errors)
    {
        string[][] groups =
        [
            ["vpcSubnetRange", "secondaryVpcCidr", "podSubnetRange", "serviceSubnetRange", "servicePeeringRange"],
            ["drVpcSubnetRange", "drSecondaryVpcCidr", "drPodSubnetRange", "drServiceSubnetRange", "drServicePeeringRange"],
        ];
        foreach (var group in groups)
        {
            var ranges = group.Select(f => (Field: f, Value: Str(body, f)))
                .Where(r => r.Value is not null && Formats.TryParseCidr(r.Value, out _))
                .Select(r => { Formats.TryParseCidr(r.Value!, out var c); return (r.Field, r.Value, Cidr: c); })
                .ToList();
            for (var i = 0; i < ranges.Count; i++)
                for (var j = i + 1; j < ranges.Count; j++)
                    if (Formats.Overlaps(ranges[i].Cidr, ranges[j].Cidr))
                        errors.Add(new FieldError(ranges[j].Field, "overlap", $"{ranges[j].Value} overlaps {ranges[i].Field} {ranges[i].Value}"));
        }
    }

    private static void CheckNodePools(JArray? pools, string provider, List<FieldError> errors)
    {
        if (pools is null) return;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < pools.Count; i++)
        {
            var pool = (JObject)pools[i];
            if (Str(pool, "name") is { } name && !seen.Add(name))
                errors.Add(new FieldError($"nodePools[{i}].name", "unique", $"node pool name '{name}' is used twice"));
            if (Str(pool, "nodeInstanceType") is { } t && !Catalog.For(Catalog.NodeInstances, provider).Contains(t))
                errors.Add(new FieldError($"nodePools[{i}].nodeInstanceType", "oneof", $"must be one of {string.Join(", ", Catalog.For(Catalog.NodeInstances, provider))}"));
        }
        if (pools.Count(p => Bool((JObject)p, "isDefault") == true) > 1)
            errors.Add(new FieldError("nodePools", "invalid", "at most one node pool can be the default"));
    }

    private void CheckWorkspaceIds(JArray? ids, List<FieldError> errors)
    {
        if (ids is null) return;
        for (var i = 0; i < ids.Count; i++)
            if (Store.Get(SimStore.Workspace, (string)ids[i]!) is null)
                errors.Add(new FieldError($"workspaceIds[{i}]", "invalid", $"workspace {ids[i]} not found"));
    }

    /// <summary>Reads a union's discriminator: missing or unknown ones are a 400 (§3).</summary>
    private static string DiscriminatorOf(JObject body, string name, string[] values)
    {
        var value = Str(body, name);
        if (value is null)
            throw ApiError.Field(name, "required", $"is required: it selects the request variant ({string.Join(", ", values)})");
        if (!values.Contains(value))
            throw ApiError.Field(name, "oneof", $"must be one of {string.Join(", ", values)}, not '{value}'");
        return value;
    }
}
