using Newtonsoft.Json.Linq;

namespace Pulumi.Astro.Simulator;

/// <summary>The organization and the options endpoints (API fact sheet §5.8, §5.9); workspaces are in WorkspaceApi.cs.</summary>
internal sealed partial class AstroSim
{
    private static readonly string CreatedAt = "2026-01-05T09:00:00Z";

    public JObject GetOrganization(bool lookUpOnly)
    {
        var org = new JObject
        {
            ["id"] = Options.OrganizationId,
            ["name"] = OrganizationName,
            ["createdAt"] = CreatedAt,
            ["updatedAt"] = CreatedAt,
        };
        // isLookUpOnly=true answers metadata only (§8.1).
        if (lookUpOnly) return WithOrganizationSettings(org, lookUpOnly);
        org["createdBy"] = Subject();
        org["updatedBy"] = Subject();
        org["allowEnhancedSupportAccess"] = false;
        org["hasAllowedIpAddressRanges"] = false;
        org["isBlockedEnableAiFeatures"] = false;
        org["isScimEnabled"] = false;
        org["shouldEnforceDedicatedClusters"] = false;
        org["productPlans"] = new JArray(new JObject
        {
            ["astronomerProduct"] = "ASTRO",
            ["organizationId"] = Options.OrganizationId,
            ["productPlanId"] = "clsimplan0000000000000001",
            ["productPlanName"] = "ENTERPRISE",
        });
        org["billingEmail"] = "billing@astro-sim.local";
        org["paymentMethod"] = "INVOICE";
        org["product"] = "HOSTED";
        org["status"] = "ACTIVE";
        return WithOrganizationSettings(org, lookUpOnly);
    }

    public JObject ListOrganizations(IQueryCollection query) =>
        Page("organizations", [GetOrganization(lookUpOnly: false)], query, o => o, sortable: true);

    public JArray ClusterOptions(IQueryCollection query)
    {
        var type = query["type"].FirstOrDefault();
        if (type is null) throw ApiError.Field("type", "required", "is required: DEDICATED or HYBRID");
        if (!Catalog.ClusterTypes.Contains(type)) throw ApiError.Field("type", "oneof", $"must be one of DEDICATED, HYBRID, not '{type}'");
        var provider = query["provider"].FirstOrDefault();
        if (provider is not null && !Catalog.CloudProviders.Contains(provider))
            throw ApiError.Field("provider", "oneof", $"must be one of {string.Join(", ", Catalog.CloudProviders)}, not '{provider}'");
        return new JArray(Catalog.CloudProviders.Where(p => provider is null || p == provider).Select(p =>
        {
            var options = new JObject
            {
                ["provider"] = p,
                ["regions"] = new JArray(Catalog.Regions[p].Select(r => new JObject { ["name"] = r, ["limited"] = false })),
                ["defaultRegion"] = new JObject { ["name"] = Catalog.Regions[p][0] },
                ["nodeInstances"] = new JArray(Catalog.NodeInstances[p].Select(n => new JObject { ["name"] = n, ["cpu"] = 4, ["memory"] = "16Gi" })),
                ["databaseInstances"] = new JArray(Catalog.DatabaseInstances[p].Select(n => new JObject { ["name"] = n, ["cpu"] = 2, ["memory"] = "8Gi" })),
                ["defaultNodeInstance"] = new JObject { ["name"] = Catalog.NodeInstances[p][0], ["cpu"] = 4, ["memory"] = "16Gi" },
                ["defaultDatabaseInstance"] = new JObject { ["name"] = Catalog.DatabaseInstances[p][0], ["cpu"] = 2, ["memory"] = "8Gi" },
                ["defaultVpcSubnetRange"] = Catalog.DefaultVpcRange[p],
                ["nodeCountMin"] = 1,
                ["nodeCountMax"] = 100,
                ["nodeCountDefault"] = 20,
            };
            if (p == "GCP")
            {
                options["defaultPodSubnetRange"] = "172.21.0.0/19";
                options["defaultServiceSubnetRange"] = "172.22.0.0/22";
                options["defaultServicePeeringRange"] = "172.23.0.0/20";
            }
            return options;
        }));
    }

    public JObject DeploymentOptions(IQueryCollection query)
    {
        var deploymentType = query["deploymentType"].FirstOrDefault();
        if (deploymentType is not null && !Catalog.DeploymentTypes.Contains(deploymentType))
            throw ApiError.Field("deploymentType", "oneof", $"must be one of {string.Join(", ", Catalog.DeploymentTypes)}");
        if (query["executor"].FirstOrDefault() is { } executor && !Catalog.Executors.Contains(executor))
            throw ApiError.Field("executor", "oneof", $"must be one of {string.Join(", ", Catalog.Executors)}");
        if (query["cloudProvider"].FirstOrDefault() is { } cloud && !Catalog.CloudProviders.Contains(cloud))
            throw ApiError.Field("cloudProvider", "oneof", $"must be one of {string.Join(", ", Catalog.CloudProviders)}");
        if (query["deploymentId"].FirstOrDefault() is { } depId && Find(SimStore.Deployment, depId) is null)
            throw ApiError.Field("deploymentId", "invalid", $"deployment {depId} not found");
        static JObject Range(double floor, double def, double ceiling) => new() { ["floor"] = floor, ["default"] = def, ["ceiling"] = ceiling };
        static JObject ResourceRange(string floor, string def, string ceiling) => new() { ["floor"] = floor, ["default"] = def, ["ceiling"] = ceiling };
        return new JObject
        {
            ["executors"] = new JArray(deploymentType == "HYBRID" ? Catalog.HybridExecutors : Catalog.Executors),
            ["runtimeReleases"] = new JArray(Catalog.RuntimeReleases.Select(r => new JObject
            {
                ["version"] = r.Version,
                ["airflowVersion"] = r.AirflowVersion,
                ["channel"] = "stable",
                ["releaseDate"] = r.ReleaseDate,
                ["airflowDatabaseMigration"] = false,
                ["stellarDatabaseMigration"] = false,
            })),
            ["schedulerMachines"] = new JArray(Catalog.SchedulerMachines.Select(m => new JObject
            {
                ["name"] = m.Key,
                ["spec"] = new JObject { ["cpu"] = m.Value.Cpu, ["memory"] = m.Value.Memory },
            })),
            ["workerMachines"] = new JArray(Catalog.Machines.Select(m => new JObject
            {
                ["name"] = m.Key,
                ["spec"] = new JObject { ["cpu"] = m.Value.Cpu, ["memory"] = m.Value.Memory, ["ephemeralStorage"] = "10Gi", ["concurrency"] = m.Value.Concurrency },
                ["concurrency"] = Range(1, m.Value.Concurrency, m.Value.Concurrency * 4),
            })),
            ["workerQueues"] = new JObject
            {
                ["maxWorkers"] = Range(1, 10, Catalog.MaxWorkersCeiling),
                ["minWorkers"] = Range(0, 1, Catalog.MinWorkersCeiling),
                ["workerConcurrency"] = Range(1, 5, Catalog.ConcurrencyCeiling),
            },
            ["resourceQuotas"] = new JObject
            {
                ["defaultPodSize"] = new JObject { ["cpu"] = ResourceRange("0.25", "1", "6"), ["memory"] = ResourceRange("0.5Gi", "2Gi", "12Gi") },
                ["resourceQuota"] = new JObject { ["cpu"] = ResourceRange("1", "10", "1000"), ["memory"] = ResourceRange("2Gi", "20Gi", "2000Gi") },
            },
            ["workloadIdentityOptions"] = new JArray(new JObject { ["label"] = "default", ["role"] = "arn:aws:iam::000000000000:role/astro-default" }),
        };
    }
}
