using Newtonsoft.Json.Linq;
using Pulumi.Astro.Simulator.Validation;

namespace Pulumi.Astro.Simulator;

/// <summary>Deployments (API fact sheet §4.1–§4.4, §5.3–§5.5, §7.2, §8).</summary>
internal sealed partial class AstroSim
{
    public JObject CreateDeployment(JObject body)
    {
        var type = DiscriminatorOf(body, "type", Catalog.DeploymentTypes);
        Validator.Require(body, type switch
        {
            "DEDICATED" => Specs.CreateDedicatedDeployment,
            "HYBRID" => Specs.CreateHybridDeployment,
            _ => Specs.CreateStandardDeployment,
        });
        var errors = new List<FieldError>();
        var workspace = WorkspaceFor(body, errors);
        var executor = Str(body, "executor") ?? "CELERY";
        var hosted = type != "HYBRID";
        var placement = Placement(body, type, workspace, errors);

        var runtime = Str(body, "astroRuntimeVersion") ?? Catalog.RuntimeReleases[0].Version;
        var release = Catalog.RuntimeReleases.FirstOrDefault(r => r.Version == runtime);
        if (release.Version is null)
            errors.Add(new FieldError("astroRuntimeVersion", "oneof", $"'{runtime}' is not an available runtime; deployment-options lists them"));

        var devMode = Bool(body, "isDevelopmentMode") ?? false;
        CheckDeploymentRules(body, type, executor, devMode, placement.Cluster, errors);
        if (errors.Count > 0) throw ApiError.Invalid(errors);

        var id = Ids.NewId();
        var nowMs = NowMs;
        var now = Stamp(nowMs);
        var ns = Ids.NewNamespace();
        var host = $"{Options.OrganizationId}.astronomer.run";
        var path = "d" + ns[^4..] + id[^4..];
        var dep = new JObject
        {
            ["id"] = id,
            ["name"] = body["name"],
            ["namespace"] = ns,
            ["organizationId"] = Options.OrganizationId,
            ["workspaceId"] = workspace?["id"],
            ["workspaceName"] = workspace?["name"],
            ["type"] = type,
            ["executor"] = executor,
            ["astroRuntimeVersion"] = runtime,
            ["runtimeVersion"] = runtime,
            ["airflowVersion"] = release.AirflowVersion,
            // astro-sim is the Deployment's registry too (RegistryApi.cs), so an image deploy can push to it.
            ["imageRepository"] = $"{RegistryHost}/{Options.OrganizationId.ToLowerInvariant()}/{ns}",
            ["imageTag"] = "",
            ["isCicdEnforced"] = Bool(body, "isCicdEnforced") ?? (bool?)workspace?["cicdEnforcedDefault"] ?? false,
            // astro-sim's documented default: DAG deploys on, as Astro turns them on for new deployments.
            ["isDagDeployEnabled"] = Bool(body, "isDagDeployEnabled") ?? true,
            ["webServerIngressHostname"] = host,
            ["webServerUrl"] = $"{host}/{path}",
            ["webServerAirflowApiUrl"] = $"{host}/{path}/api/v2",
            ["uiUrl"] = $"https://{host}/{path}",
            ["apiUrl"] = $"https://{host}/{path}/api/v2",
            ["webServerCpu"] = "0.5",
            ["webServerMemory"] = "1Gi",
            ["dagTarballVersion"] = "",
            ["desiredDagTarballVersion"] = "",
            ["externalIPs"] = new JArray("203.0.113.77"),
            ["oidcIssuerUrl"] = $"https://oidc.astro-sim.local/{ns}",
            ["contactEmails"] = body["contactEmails"]?.DeepClone() ?? new JArray(),
            ["createdAt"] = now,
            ["updatedAt"] = now,
            ["createdBy"] = Subject(),
            ["updatedBy"] = Subject(),
            [Internal] = new JObject
            {
                ["created"] = nowMs,
                ["busyStatus"] = "CREATING",
                ["busySince"] = nowMs,
                ["busyUntil"] = After(nowMs, Timings.DeploymentSeconds),
                ["secrets"] = new JObject(),
            },
        };
        if (placement.Cluster is { } cluster)
        {
            dep["clusterId"] = cluster["id"];
            dep["clusterName"] = cluster["name"];
        }
        if (placement.Region is not null) dep["region"] = placement.Region;
        if (type == "STANDARD") dep["cloudProvider"] = placement.CloudProvider;
        if (hosted)
        {
            dep["isDevelopmentMode"] = devMode;
            dep["isHighAvailability"] = Bool(body, "isHighAvailability") ?? false;
            dep["schedulerSize"] = Str(body, "schedulerSize") ?? "SMALL";
        }
        else
        {
            var scheduler = body["scheduler"] as JObject;
            dep["schedulerAu"] = (int?)scheduler?["au"] ?? 5;
            dep["schedulerReplicas"] = (int?)scheduler?["replicas"] ?? 1;
        }
        ApplyConfiguration(dep, body, type, executor, nowMs, creating: true);
        Log(dep, "scheduler", $"Deployment {dep["name"]} created with Astro Runtime {runtime}");
        Store.Put(SimStore.Deployment, id, dep);
        return RenderDeployment(dep);
    }

    public JObject GetDeployment(string id) => RenderDeployment(FindDeployment(id));

    public JObject UpdateDeployment(string id, JObject body)
    {
        var dep = FindDeployment(id);
        if (Ms(Sim(dep), "goneAt") is not null) throw ApiError.BadRequest($"deployment {id} is being deleted");
        var type = DiscriminatorOf(body, "type", Catalog.DeploymentTypes);
        // The stored deployment lets a value Astro itself reported (a newer size or machine) pass the enum rules.
        Validator.Require(body, type switch
        {
            "DEDICATED" => Specs.UpdateDedicatedDeployment,
            "HYBRID" => Specs.UpdateHybridDeployment,
            _ => Specs.UpdateStandardDeployment,
        }, dep);
        var current = (string)dep["type"]!;
        if (type != current) throw ApiError.Field("type", "immutable", $"is {type} but deployment {id} is {current}; the type cannot be changed");
        var errors = new List<FieldError>();
        if ((string)body["workspaceId"]! != (string)dep["workspaceId"]!)
            errors.Add(new FieldError("workspaceId", "immutable", "cannot be changed; create the deployment in the other workspace instead"));
        var wasDev = Bool(dep, "isDevelopmentMode") ?? false;
        var devMode = Bool(body, "isDevelopmentMode") ?? wasDev;
        if (devMode && !wasDev)
            errors.Add(new FieldError("isDevelopmentMode", "immutable", "cannot be turned on for a deployment that is not in development mode"));
        var executor = (string)body["executor"]!;
        var cluster = Str(dep, "clusterId") is { } cid ? Store.Get(SimStore.Cluster, cid) : null;
        CheckDeploymentRules(body, type, executor, devMode, cluster, errors);
        CheckQueueIds(body["workerQueues"] as JArray, dep["workerQueues"] as JArray, errors);
        if (errors.Count > 0) throw ApiError.Invalid(errors);

        var nowMs = NowMs;
        dep["name"] = body["name"];
        dep["executor"] = executor;
        dep["isCicdEnforced"] = body["isCicdEnforced"];
        dep["isDagDeployEnabled"] = body["isDagDeployEnabled"];
        dep["contactEmails"] = body["contactEmails"]?.DeepClone() ?? new JArray();
        if (type != "HYBRID")
        {
            dep["isDevelopmentMode"] = devMode;
            dep["isHighAvailability"] = body["isHighAvailability"];
            dep["schedulerSize"] = body["schedulerSize"];
        }
        else
        {
            dep["schedulerAu"] = body["scheduler"]!["au"];
            dep["schedulerReplicas"] = body["scheduler"]!["replicas"];
        }
        ApplyConfiguration(dep, body, type, executor, nowMs, creating: false);
        dep["updatedAt"] = Stamp(nowMs);
        dep["updatedBy"] = Subject();
        StartRollout(dep, nowMs, Timings.DeploymentSeconds);
        Log(dep, "scheduler", "Deployment configuration updated");
        Store.Put(SimStore.Deployment, id, dep);
        return RenderDeployment(dep);
    }

    public void DeleteDeployment(string id)
    {
        var dep = FindDeployment(id);
        var sim = Sim(dep);
        if (Ms(sim, "goneAt") is not null) return;
        // Like a cluster, a deleted deployment stays visible for a while and then answers 404.
        sim["goneAt"] = After(NowMs, Timings.DeploymentSeconds);
        Store.Put(SimStore.Deployment, id, dep);
    }

    public JObject ListDeployments(IQueryCollection query)
    {
        var ids = query["deploymentIds"].Where(n => n is not null).ToHashSet();
        var names = query["names"].Where(n => n is not null).ToHashSet();
        var workspaces = query["workspaceIds"].Where(n => n is not null).ToHashSet();
        var items = Live(SimStore.Deployment)
            .Where(d => ids.Count == 0 || ids.Contains((string)d["id"]!))
            .Where(d => names.Count == 0 || names.Contains((string)d["name"]!))
            .Where(d => workspaces.Count == 0 || workspaces.Contains((string)d["workspaceId"]!));
        return Page("deployments", items, query, RenderDeployment, sortable: true);
    }

    public JObject SetHibernationOverride(string id, JObject body)
    {
        var dep = FindDeployment(id);
        RequireDevelopmentMode(dep);
        Validator.Require(body, Specs.HibernationOverride);
        if (Str(body, "overrideUntil") is { } until && Formats.TryParseTime(until, out var t) && t <= Now)
            throw ApiError.Field("overrideUntil", "invalid", "must be in the future");
        var spec = HibernationSpecOf(dep, create: true)!;
        var o = new JObject { ["isHibernating"] = body["isHibernating"] };
        if (Str(body, "overrideUntil") is { } u) o["overrideUntil"] = u;
        spec["override"] = o;
        dep["updatedAt"] = Stamp();
        Log(dep, "scheduler", (bool)body["isHibernating"]! ? "Hibernation override: hibernate" : "Hibernation override: stay awake");
        Store.Put(SimStore.Deployment, id, dep);
        var view = (JObject)o.DeepClone();
        view["isActive"] = Hibernation.OverrideActive(o, Now);
        return view;
    }

    public void DeleteHibernationOverride(string id)
    {
        var dep = FindDeployment(id);
        RequireDevelopmentMode(dep);
        if (HibernationSpecOf(dep, create: false) is { } spec && spec.Remove("override"))
        {
            if (!spec.HasValues) ((JObject)dep["scalingSpec"]!).Remove("hibernationSpec");
            dep["updatedAt"] = Stamp();
            Store.Put(SimStore.Deployment, id, dep);
        }
    }

    public JObject DeploymentLogs(string id, IQueryCollection query)
    {
        var dep = FindDeployment(id);
        var sources = query["sources"].Where(s => !string.IsNullOrEmpty(s)).Select(s => s!).ToList();
        if (sources.Count == 0) throw ApiError.Field("sources", "required", $"is required: one or more of {string.Join(", ", Catalog.LogSources)}");
        foreach (var s in sources.Where(s => !Catalog.LogSources.Contains(s)))
            throw ApiError.Field("sources", "oneof", $"must be one of {string.Join(", ", Catalog.LogSources)}, not '{s}'");
        var limit = QueryInt(query, "limit", 100, 0, 1000);
        var offset = QueryInt(query, "offset", 0, 0, int.MaxValue);
        var maxResults = QueryInt(query, "maxNumResults", 1000, 0, 10000);
        var range = QueryInt(query, "range", 0, 0, int.MaxValue);
        var search = query["searchText"].FirstOrDefault();
        string? start = query["startDate"].FirstOrDefault(), end = query["endDate"].FirstOrDefault();
        if (start is null != end is null) throw ApiError.Field(start is null ? "startDate" : "endDate", "required", "startDate and endDate must be given together");
        long? from = null, to = null;
        if (start is not null)
        {
            if (!Formats.TryParseTime(start, out var s)) throw ApiError.Field("startDate", "invalid", Formats.Timestamp(start)!);
            if (!Formats.TryParseTime(end!, out var e)) throw ApiError.Field("endDate", "invalid", Formats.Timestamp(end!)!);
            (from, to) = (s.ToUnixTimeMilliseconds(), e.ToUnixTimeMilliseconds());
        }
        else if (range > 0) from = NowMs - range * 1000L;

        var matches = (Sim(dep)["events"] as JArray ?? [])
            .OfType<JObject>()
            .Where(e => sources.Contains((string)e["source"]!))
            .Where(e => from is null || (long)e["t"]! >= from)
            .Where(e => to is null || (long)e["t"]! <= to)
            .Where(e => search is null || ((string)e["raw"]!).Contains(search, StringComparison.OrdinalIgnoreCase))
            .Take(maxResults)
            .ToList();
        var page = matches.Skip(offset).Take(limit).Select(e => new JObject
        {
            ["raw"] = e["raw"],
            ["source"] = e["source"],
            ["timestamp"] = (long)e["t"]! / 1000.0,
        });
        return new JObject
        {
            ["limit"] = limit,
            ["offset"] = offset,
            ["maxNumResults"] = maxResults,
            ["resultCount"] = matches.Count,
            ["searchId"] = Ids.RandomString(16),
            ["results"] = new JArray(page),
        };
    }

    private JObject FindDeployment(string id) => Find(SimStore.Deployment, id) ?? throw ApiError.NotFound("deployment", id);

    private static void RequireDevelopmentMode(JObject dep)
    {
        if (Bool(dep, "isDevelopmentMode") != true)
            throw ApiError.BadRequest($"deployment {dep["id"]} is not in development mode; hibernation is only available for development-mode deployments");
    }

    private static JObject? HibernationSpecOf(JObject dep, bool create)
    {
        if (dep["scalingSpec"] is not JObject scaling)
        {
            if (!create) return null;
            dep["scalingSpec"] = scaling = new JObject();
        }
        if (scaling["hibernationSpec"] is not JObject spec)
        {
            if (!create) return null;
            scaling["hibernationSpec"] = spec = new JObject();
        }
        return spec;
    }

    /// <summary>Puts a deployment in DEPLOYING (or keeps it CREATING) until the roll-out time has passed.</summary>
    private void StartRollout(JObject dep, long nowMs, double seconds)
    {
        var sim = Sim(dep);
        var busy = Ms(sim, "busyUntil") is { } until && nowMs < until;
        var creating = busy && Str(sim, "busyStatus") == "CREATING";
        sim["busyStatus"] = creating ? "CREATING" : "DEPLOYING";
        if (!busy) sim["busySince"] = nowMs;
        sim["busyUntil"] = Math.Max(Ms(sim, "busyUntil") ?? 0, After(nowMs, seconds));
    }

    private JObject? WorkspaceFor(JObject body, List<FieldError> errors)
    {
        var ws = Store.Get(SimStore.Workspace, (string)body["workspaceId"]!);
        if (ws is null) errors.Add(new FieldError("workspaceId", "invalid", $"workspace {body["workspaceId"]} not found"));
        return ws;
    }

    private (JObject? Cluster, string? CloudProvider, string? Region) Placement(JObject body, string type, JObject? workspace, List<FieldError> errors)
    {
        var clusterId = Str(body, "clusterId");
        if (type != "STANDARD")
        {
            if (clusterId is null)
            {
                errors.Add(new FieldError("clusterId", "required", $"is required for {type} deployments"));
                return (null, null, null);
            }
            var cluster = Find(SimStore.Cluster, clusterId);
            if (cluster is null || Ms(Sim(cluster), "goneAt") is not null)
            {
                errors.Add(new FieldError("clusterId", "invalid", $"cluster {clusterId} not found"));
                return (null, null, null);
            }
            if ((string)cluster["type"]! != type)
                errors.Add(new FieldError("clusterId", "invalid", $"cluster {clusterId} is a {cluster["type"]} cluster; {type} deployments need a {type} cluster"));
            var status = ClusterStatus(cluster);
            if (status is not ("CREATED" or "UPDATING" or "UPGRADE_PENDING"))
                errors.Add(new FieldError("clusterId", "invalid", $"cluster {clusterId} is {status}; it must be CREATED"));
            if (cluster["workspaceIds"] is JArray { Count: > 0 } allowed && workspace is not null && !allowed.Any(w => (string?)w == (string?)workspace["id"]))
                errors.Add(new FieldError("clusterId", "invalid", $"workspace {workspace["id"]} is not authorized to use cluster {clusterId}"));
            return (cluster, (string)cluster["cloudProvider"]!, (string)cluster["region"]!);
        }

        string? provider = Str(body, "cloudProvider"), region = Str(body, "region");
        if (clusterId is not null)
        {
            // §4.1: on STANDARD a clusterId wins over cloudProvider + region.
            var cluster = Find(SimStore.Cluster, clusterId);
            if (cluster is null)
            {
                errors.Add(new FieldError("clusterId", "invalid", $"cluster {clusterId} not found"));
                return (null, null, null);
            }
            return (cluster, (string)cluster["cloudProvider"]!, (string)cluster["region"]!);
        }
        if (provider is null != region is null)
        {
            errors.Add(new FieldError(provider is null ? "cloudProvider" : "region", "required", "cloudProvider and region must be given together"));
            return (null, null, null);
        }
        if (provider is null)
        {
            provider = Str(workspace ?? [], "defaultCloudProvider");
            region = Str(workspace ?? [], "defaultRegion");
            if (provider is null || region is null)
            {
                errors.Add(new FieldError("cloudProvider", "required", "cloudProvider and region are required for STANDARD deployments when the workspace has no default"));
                return (null, null, null);
            }
        }
        if (!Catalog.For(Catalog.Regions, provider).Contains(region!))
            errors.Add(new FieldError("region", "oneof", $"'{region}' is not an {provider} region; deployment-options lists them"));
        return (null, provider, region);
    }

    /// <summary>The §8 applicability rules shared by create and update.</summary>
    private void CheckDeploymentRules(JObject body, string type, string executor, bool devMode, JObject? cluster, List<FieldError> errors)
    {
        var hosted = type != "HYBRID";
        var remote = body["remoteExecution"] as JObject;
        var remoteOn = remote is not null && Bool(remote, "enabled") == true;
        if (remoteOn && !(type == "DEDICATED" && executor == "ASTRO"))
            errors.Add(new FieldError("remoteExecution", "not_allowed", "remote execution is only available for DEDICATED deployments with the ASTRO executor"));

        if (hosted)
        {
            var cpu = CheckPair(body, "defaultTaskPodCpu", "defaultTaskPodMemory", required: !remoteOn, errors);
            var quota = CheckPair(body, "resourceQuotaCpu", "resourceQuotaMemory", required: !remoteOn, errors);
            if (cpu is { } c && quota is { } q && c > q)
                errors.Add(new FieldError("defaultTaskPodCpu", "invalid", "must not exceed resourceQuotaCpu"));
            if (body["scalingSpec"] is JObject scaling)
            {
                if (!devMode)
                    errors.Add(new FieldError("scalingSpec", "not_allowed", "hibernation is only available for development-mode deployments (isDevelopmentMode: true)"));
                if (scaling["hibernationSpec"] is JObject spec)
                {
                    var hasOverride = spec["override"] is JObject;
                    var hasSchedules = spec["schedules"] is JArray { Count: > 0 };
                    if (!hasOverride && !hasSchedules)
                        errors.Add(new FieldError("scalingSpec.hibernationSpec", "invalid", "must contain an override or schedules"));
                    if (spec["override"] is JObject o && Str(o, "overrideUntil") is not null && Bool(o, "isHibernating") is null)
                        errors.Add(new FieldError("scalingSpec.hibernationSpec.override.isHibernating", "required", "is required when overrideUntil is set"));
                }
            }
        }
        else if (executor == "KUBERNETES")
        {
            if (Str(body, "taskPodNodePoolId") is not { } pool)
                errors.Add(new FieldError("taskPodNodePoolId", "required", "is required for HYBRID deployments with the KUBERNETES executor"));
            else if (cluster is not null && !NodePoolIds(cluster).Contains(pool))
                errors.Add(new FieldError("taskPodNodePoolId", "invalid", $"node pool {pool} does not belong to cluster {cluster["id"]}"));
        }
        else if (body["taskPodNodePoolId"] is { Type: not JTokenType.Null })
            errors.Add(new FieldError("taskPodNodePoolId", "not_allowed", "only applies to the KUBERNETES executor"));

        CheckWorkerQueues(body["workerQueues"] as JArray, hosted, executor, remoteOn, cluster, errors);
        CheckEnvironmentVariables(body["environmentVariables"] as JArray, errors);
    }

    private static HashSet<string?> NodePoolIds(JObject cluster) => (cluster["nodePools"] as JArray ?? []).Select(p => (string?)p["id"]).ToHashSet();

    /// <summary>A CPU/memory pair: both hosted quantities, memory exactly 2 × CPU with an explicit Gi (§8). Returns the cores.</summary>
    private static decimal? CheckPair(JObject body, string cpuField, string memoryField, bool required, List<FieldError> errors)
    {
        string? cpu = Str(body, cpuField), memory = Str(body, memoryField);
        if (cpu is null || memory is null)
        {
            if (required)
            {
                foreach (var f in new[] { cpuField, memoryField }.Where(f => Str(body, f) is null))
                    errors.Add(new FieldError(f, "required", "is required unless remote execution is enabled"));
            }
            else if (cpu is not null || memory is not null)
                errors.Add(new FieldError(cpu is null ? cpuField : memoryField, "required", $"{cpuField} and {memoryField} must be given together"));
            return null;
        }
        if (Formats.Quantity(cpu) is not null || Formats.Quantity(memory) is not null) return null; // the spec reported it
        var cores = Formats.Cores(cpu);
        if (cores is null or <= 0)
        {
            errors.Add(new FieldError(cpuField, "invalid", $"'{cpu}' is not a positive number of CPU cores"));
            return null;
        }
        var gi = Formats.Gibibytes(memory);
        if (gi is null)
            errors.Add(new FieldError(memoryField, "invalid", $"'{memory}' must be given in Gi, e.g. \"{cores * 2}Gi\""));
        else if (gi != cores * 2)
            errors.Add(new FieldError(memoryField, "invalid", $"must be exactly 2 × {cpuField} ({cores * 2}Gi for {cpu} CPU), not {memory}"));
        return cores;
    }

    private static void CheckWorkerQueues(JArray? queues, bool hosted, string executor, bool remoteOn, JObject? cluster, List<FieldError> errors)
    {
        if (queues is null) return;
        var apply = executor == "CELERY" || executor == "ASTRO" && !remoteOn;
        if (!apply)
        {
            if (queues.Count > 0)
                errors.Add(new FieldError("workerQueues", "not_allowed", executor == "KUBERNETES"
                    ? "worker queues do not apply to the KUBERNETES executor"
                    : "worker queues do not apply to the ASTRO executor with remote execution enabled"));
            return;
        }
        // §8: CELERY, and ASTRO without remote execution, need a queue named `default`, which is the default queue.
        var names = new HashSet<string>(StringComparer.Ordinal);
        var hasDefault = false;
        for (var i = 0; i < queues.Count; i++)
        {
            var q = (JObject)queues[i];
            var path = $"workerQueues[{i}]";
            var name = Str(q, "name");
            if (name is not null && !names.Add(name))
                errors.Add(new FieldError($"{path}.name", "unique", $"queue name '{name}' is used twice"));
            var isDefault = Bool(q, "isDefault") == true;
            if (name == "default")
            {
                hasDefault = true;
                if (!isDefault) errors.Add(new FieldError($"{path}.isDefault", "invalid", "the queue named 'default' must have isDefault: true"));
            }
            else if (isDefault)
                errors.Add(new FieldError($"{path}.isDefault", "invalid", "only the queue named 'default' can be the default queue"));
            if (q["minWorkerCount"] is { Type: JTokenType.Integer } min && q["maxWorkerCount"] is { Type: JTokenType.Integer } max && (int)min > (int)max)
                errors.Add(new FieldError($"{path}.minWorkerCount", "invalid", "must not exceed maxWorkerCount"));
            if (hosted)
            {
                if (Str(q, "astroMachine") is null) errors.Add(new FieldError($"{path}.astroMachine", "required", "is required for hosted deployments"));
                if (q["nodePoolId"] is { Type: not JTokenType.Null }) errors.Add(new FieldError($"{path}.nodePoolId", "not_allowed", "is only for HYBRID deployments"));
            }
            else
            {
                if (Str(q, "nodePoolId") is not { } pool) errors.Add(new FieldError($"{path}.nodePoolId", "required", "is required for HYBRID deployments"));
                else if (cluster is not null && !NodePoolIds(cluster).Contains(pool))
                    errors.Add(new FieldError($"{path}.nodePoolId", "invalid", $"node pool {pool} does not belong to cluster {cluster["id"]}"));
                if (q["astroMachine"] is { Type: not JTokenType.Null }) errors.Add(new FieldError($"{path}.astroMachine", "not_allowed", "is only for hosted deployments"));
            }
        }
        if (!hasDefault)
            errors.Add(new FieldError("workerQueues", "required", $"a queue named 'default' is required for the {executor} executor"));
    }

    private static void CheckQueueIds(JArray? requested, JArray? existing, List<FieldError> errors)
    {
        if (requested is null) return;
        var known = (existing ?? []).Select(q => (string?)q["id"]).ToHashSet();
        for (var i = 0; i < requested.Count; i++)
            if (Str((JObject)requested[i], "id") is { } id && !known.Contains(id))
                errors.Add(new FieldError($"workerQueues[{i}].id", "invalid", $"worker queue {id} does not belong to this deployment"));
    }

    private static void CheckEnvironmentVariables(JArray? vars, List<FieldError> errors)
    {
        if (vars is null) return;
        var keys = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < vars.Count; i++)
        {
            if (Str((JObject)vars[i], "key") is not { } key) continue;
            if (key.Length == 0) errors.Add(new FieldError($"environmentVariables[{i}].key", "required", "must not be empty"));
            else if (!keys.Add(key)) errors.Add(new FieldError($"environmentVariables[{i}].key", "unique", $"key '{key}' is used twice"));
        }
    }

    /// <summary>Applies the fields create and update share: quantities, queues, variables, scaling, remote execution.</summary>
    private void ApplyConfiguration(JObject dep, JObject body, string type, string executor, long nowMs, bool creating)
    {
        var now = Stamp(nowMs);
        CopyFields(body, dep, "description", "workloadIdentity", "drWorkloadIdentity");
        dep["effectiveWorkloadIdentity"] = Str(body, "workloadIdentity") ?? $"arn:aws:iam::000000000000:role/astro-{dep["namespace"]}";
        if (Str(body, "drWorkloadIdentity") is { } dr) dep["effectiveDRWorkloadIdentity"] = dr;
        dep.Remove("workloadIdentity");
        dep.Remove("drWorkloadIdentity");
        var remote = body["remoteExecution"] as JObject;
        var remoteOn = remote is not null && Bool(remote, "enabled") == true;
        if (type != "HYBRID")
        {
            CopyFields(body, dep, "defaultTaskPodCpu", "defaultTaskPodMemory", "resourceQuotaCpu", "resourceQuotaMemory");
            // A size astro-sim's catalogue does not list (one Astro reported back) keeps the resources it has.
            if (Catalog.SchedulerMachines.TryGetValue((string?)dep["schedulerSize"] ?? "SMALL", out var size))
            {
                dep["schedulerCpu"] = size.Cpu;
                dep["schedulerMemory"] = size.Memory;
            }
            var ha = Bool(dep, "isHighAvailability") == true;
            dep["schedulerReplicas"] = ha ? 2 : 1;
            dep["webServerReplicas"] = ha ? 2 : 1;
            if (body["scalingSpec"] is JObject scaling) dep["scalingSpec"] = scaling.DeepClone();
            else if (!creating) dep.Remove("scalingSpec");
            if (remote is not null)
            {
                dep["remoteExecution"] = new JObject
                {
                    ["enabled"] = remoteOn,
                    ["allowedIpAddressRanges"] = remote["allowedIpAddressRanges"]?.DeepClone() ?? new JArray(),
                    ["remoteApiUrl"] = $"https://{dep["webServerIngressHostname"]}/{((string)dep["webServerUrl"]!).Split('/')[^1]}/api/v2",
                };
                CopyFields(remote, (JObject)dep["remoteExecution"]!, "taskLogBucket", "taskLogUrlPattern");
            }
            else if (!creating) dep.Remove("remoteExecution");
        }
        else
        {
            var au = (int)dep["schedulerAu"]!;
            dep["schedulerCpu"] = (au / 10.0).ToString(System.Globalization.CultureInfo.InvariantCulture);
            dep["schedulerMemory"] = (au * 0.375).ToString(System.Globalization.CultureInfo.InvariantCulture) + "Gi";
            CopyFields(body, dep, "taskPodNodePoolId");
        }

        // Worker queues (§8.2): without an id a queue is created, with one it is updated, left out it is deleted.
        var applies = executor == "CELERY" || executor == "ASTRO" && !remoteOn;
        var existing = dep["workerQueues"] as JArray ?? [];
        if (!applies) dep["workerQueues"] = new JArray();
        else if (body["workerQueues"] is JArray requested)
            dep["workerQueues"] = new JArray(requested.OfType<JObject>().Select(q => Queue(q, type, existing)));
        else if (creating || existing.Count == 0)
        {
            // When no queues are sent the server creates the default queue itself (§8.2).
            var defaultQueue = new JObject { ["name"] = "default", ["isDefault"] = true, ["minWorkerCount"] = 0, ["maxWorkerCount"] = 10, ["workerConcurrency"] = 5 };
            if (type == "HYBRID")
            {
                var cluster = Str(dep, "clusterId") is { } cid ? Store.Get(SimStore.Cluster, cid) : null;
                defaultQueue["nodePoolId"] = cluster?["nodePools"]?.FirstOrDefault()?["id"];
            }
            else defaultQueue["astroMachine"] = "A5";
            dep["workerQueues"] = new JArray(Queue(defaultQueue, type, existing));
        }

        // Environment variables: the complete list. A secret re-sent without a value keeps its stored value (§8.1).
        if (body["environmentVariables"] is JArray vars || creating)
        {
            var sim = Sim(dep);
            var oldSecrets = sim["secrets"] as JObject ?? [];
            var oldVars = (dep["environmentVariables"] as JArray ?? []).OfType<JObject>().ToDictionary(v => (string)v["key"]!);
            var secrets = new JObject();
            var list = new JArray();
            foreach (var v in (body["environmentVariables"] as JArray ?? []).OfType<JObject>())
            {
                var key = (string)v["key"]!;
                var isSecret = (bool)v["isSecret"]!;
                var value = Str(v, "value");
                oldVars.TryGetValue(key, out var old);
                var oldValue = old is null ? null : Bool(old, "isSecret") == true ? Str(oldSecrets, key) : Str(old, "value");
                if (value is null && isSecret && old is not null && Bool(old, "isSecret") == true) value = oldValue;
                var changed = old is null || Bool(old, "isSecret") != isSecret || oldValue != value;
                var entry = new JObject { ["key"] = key, ["isSecret"] = isSecret, ["updatedAt"] = changed ? now : old!["updatedAt"] };
                if (isSecret) secrets[key] = value ?? "";
                else entry["value"] = value ?? "";
                list.Add(entry);
            }
            dep["environmentVariables"] = list;
            sim["secrets"] = secrets;
        }
    }

    /// <summary>A stored queue from a requested one; a machine the catalogue does not list keeps the pod size the queue (same id) had.</summary>
    private static JObject Queue(JObject q, string type, JArray existing)
    {
        var id = Str(q, "id");
        var machine = Str(q, "astroMachine");
        var queue = new JObject
        {
            ["id"] = id ?? Ids.NewId(),
            ["name"] = q["name"],
            ["isDefault"] = q["isDefault"],
            ["minWorkerCount"] = q["minWorkerCount"],
            ["maxWorkerCount"] = q["maxWorkerCount"],
            ["workerConcurrency"] = q["workerConcurrency"],
        };
        if (type != "HYBRID")
        {
            var was = existing.OfType<JObject>().FirstOrDefault(e => id is not null && (string?)e["id"] == id);
            queue["astroMachine"] = machine ?? "A5";
            if (Catalog.Machines.TryGetValue(machine ?? "A5", out var spec))
            {
                queue["podCpu"] = spec.Cpu;
                queue["podMemory"] = spec.Memory;
            }
            else
            {
                queue["podCpu"] = was?["podCpu"]?.DeepClone();
                queue["podMemory"] = was?["podMemory"]?.DeepClone();
            }
            queue["podEphemeralStorage"] = Str(q, "podEphemeralStorage") ?? "10Gi";
        }
        else
        {
            queue["nodePoolId"] = q["nodePoolId"];
            queue["podCpu"] = "1";
            queue["podMemory"] = "2Gi";
        }
        return queue;
    }

    public string DeploymentStatus(JObject dep, out string? reason)
    {
        var sim = Sim(dep);
        if (Str(sim, "forced") is { } forced)
        {
            reason = Str(sim, "forcedReason") ?? $"Deployment is {forced}";
            return forced;
        }
        if (Ms(sim, "busyUntil") is { } until && NowMs < until)
        {
            var busy = (string)sim["busyStatus"]!;
            reason = busy == "CREATING" ? "Deployment is being created" : "Deploying changes";
            return busy;
        }
        if (Bool(dep, "isDevelopmentMode") == true && Hibernation.Evaluate(dep["scalingSpec"]?["hibernationSpec"] as JObject, Now) is { IsHibernating: true } h)
        {
            reason = h.Reason;
            return "HIBERNATING";
        }
        reason = "Successfully Deployed";
        return "HEALTHY";
    }

    private JObject RenderDeployment(JObject dep)
    {
        var view = Public(dep);
        view["status"] = Shown(Transitional.Deployment, dep, DeploymentStatus(dep, out var reason));
        view["statusReason"] = reason;
        // A finalized deploy's versions land once its roll-out time has passed (§5.3 desiredDagTarballVersion).
        if (Sim(dep)["pending"] is JObject pending)
        {
            view["desiredDagTarballVersion"] = pending["dagTarballVersion"];
            if (NowMs >= (long)pending["at"]!)
            {
                foreach (var f in new[] { "dagTarballVersion", "imageTag", "imageVersion" })
                    if (pending[f] is { } v) view[f] = v.DeepClone();
            }
        }
        if (Bool(dep, "isDevelopmentMode") == true)
        {
            var spec = dep["scalingSpec"]?["hibernationSpec"] as JObject;
            var h = Hibernation.Evaluate(spec, Now);
            if (view["scalingSpec"]?["hibernationSpec"]?["override"] is JObject o) o["isActive"] = h.OverrideActive;
            var status = new JObject { ["isHibernating"] = h.IsHibernating };
            if (h.NextEventAt is { } next) status["nextEventAt"] = Formats.FormatTime(next);
            if (h.NextEventType is { } nextType) status["nextEventType"] = nextType;
            if (h.Reason is { } r) status["reason"] = r;
            view["scalingStatus"] = new JObject { ["hibernationStatus"] = status };
        }
        return view;
    }
}
