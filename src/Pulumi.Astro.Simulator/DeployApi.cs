using System.Globalization;
using Newtonsoft.Json.Linq;
using Pulumi.Astro.Simulator.Validation;

namespace Pulumi.Astro.Simulator;

/// <summary>Deploys and their DAG tarball uploads (API fact sheet §4.7, §5.6, §7.3, §7.4).</summary>
internal sealed partial class AstroSim
{
    private static readonly string[] DagTypes = ["IMAGE_AND_DAG", "DAG_ONLY"];
    private long _lastVersionTicks;

    public JObject CreateDeploy(string deploymentId, JObject body)
    {
        var dep = FindDeployment(deploymentId);
        Validator.Require(body, Specs.CreateDeploy);
        var type = (string)body["type"]!;
        var dagDeploys = Bool(dep, "isDagDeployEnabled") == true;
        var errors = new List<FieldError>();
        if (type == "DAG_ONLY" && !dagDeploys)
            errors.Add(new FieldError("type", "invalid", $"DAG_ONLY deploys need DAG deploys enabled on deployment {deploymentId} (isDagDeployEnabled)"));
        if (type == "BUNDLE")
        {
            foreach (var f in new[] { "bundleMountPath", "bundleType" }.Where(f => Str(body, f) is null))
                errors.Add(new FieldError(f, "required", "is required for BUNDLE deploys"));
        }
        else
        {
            foreach (var f in new[] { "bundleMountPath", "bundleType" }.Where(f => body[f] is { Type: not JTokenType.Null }))
                errors.Add(new FieldError(f, "not_allowed", "is only for BUNDLE deploys"));
        }
        if (body["git"] is JObject git)
        {
            var provider = Str(git, "provider");
            string[] github = ["account", "repo"];
            if (provider == "GITHUB")
            {
                foreach (var f in github.Where(f => string.IsNullOrEmpty(Str(git, f))))
                    errors.Add(new FieldError($"git.{f}", "required", "is required for GITHUB"));
                if (!string.IsNullOrEmpty(Str(git, "remoteUrl"))) errors.Add(new FieldError("git.remoteUrl", "not_allowed", "must be empty for GITHUB"));
            }
            else if (provider == "GENERIC")
            {
                if (string.IsNullOrEmpty(Str(git, "remoteUrl"))) errors.Add(new FieldError("git.remoteUrl", "required", "is required for GENERIC"));
                foreach (var f in github.Where(f => !string.IsNullOrEmpty(Str(git, f))))
                    errors.Add(new FieldError($"git.{f}", "not_allowed", "must be empty for GENERIC"));
            }
        }
        if (errors.Count > 0) throw ApiError.Invalid(errors);

        var id = Ids.NewId();
        var nowMs = NowMs;
        var now = Stamp(nowMs);
        var sig = Ids.RandomString(32);
        var deploy = new JObject
        {
            ["id"] = id,
            ["deploymentId"] = deploymentId,
            ["type"] = type,
            ["imageRepository"] = dep["imageRepository"],
            ["imageTag"] = "deploy-" + DateTimeOffset.FromUnixTimeMilliseconds(nowMs).UtcDateTime.ToString("yyyy-MM-dd'T'HH-mm-ss", CultureInfo.InvariantCulture) + "-" + id[^5..],
            ["isDagDeployEnabled"] = dagDeploys,
            ["createdAt"] = now,
            ["updatedAt"] = now,
            ["createdBySubject"] = Subject(),
            ["updatedBySubject"] = Subject(),
            ["airflowVersion"] = dep["airflowVersion"],
            ["astroRuntimeVersion"] = dep["astroRuntimeVersion"],
            [Internal] = new JObject { ["created"] = nowMs, ["sig"] = sig },
        };
        CopyFields(body, deploy, "description", "git", "bundleMountPath");
        if (dagDeploys && DagTypes.Contains(type)) deploy["dagsUploadUrl"] = $"{BaseUrl}/_blob/dags/{id}?sv=2023-11-03&sr=b&sp=cw&sig={sig}";
        if (dagDeploys && type == "BUNDLE") deploy["bundleUploadUrl"] = $"{BaseUrl}/_blob/bundles/{id}?sv=2023-11-03&sr=b&sp=cw&sig={sig}";
        if (type == "BUNDLE")
        {
            deploy["bundles"] = new JArray(new JObject
            {
                ["bundleType"] = body["bundleType"],
                ["deployId"] = id,
                ["mountPath"] = body["bundleMountPath"],
            });
        }
        Store.Put(SimStore.Deploy, id, deploy);
        return RenderDeploy(deploy);
    }

    public JObject GetDeploy(string deploymentId, string deployId) => RenderDeploy(FindDeploy(deploymentId, deployId));

    public JObject UpdateDeploy(string deploymentId, string deployId, JObject body)
    {
        var deploy = FindDeploy(deploymentId, deployId);
        Validator.Require(body, Specs.UpdateDeploy);
        CopyFields(body, deploy, "description");
        deploy["updatedAt"] = Stamp();
        deploy["updatedBySubject"] = Subject();
        Store.Put(SimStore.Deploy, deployId, deploy);
        return RenderDeploy(deploy);
    }

    public JObject ListDeploys(string deploymentId, IQueryCollection query)
    {
        FindDeployment(deploymentId);
        var items = Store.All(SimStore.Deploy).Where(d => (string)d["deploymentId"]! == deploymentId).ToList();
        return Page("deploys", items, query, RenderDeploy, sortable: false);
    }

    public JObject FinalizeDeploy(string deploymentId, string deployId, JObject body)
    {
        var dep = FindDeployment(deploymentId);
        var deploy = FindDeploy(deploymentId, deployId);
        Validator.Require(body, Specs.FinalizeDeploy);
        var sim = Sim(deploy);
        if (Ms(sim, "finalized") is not null || Str(sim, "forced") is not null)
            throw ApiError.BadRequest($"deploy {deployId} is {DeployStatus(deploy)} and was already finalized");
        var type = (string)deploy["type"]!;
        var dagDeploys = Bool(deploy, "isDagDeployEnabled") == true;
        var dagVersion = Str(body, "dagTarballVersion");
        var bundleVersion = Str(body, "bundleTarballVersion");
        if (dagDeploys && DagTypes.Contains(type))
        {
            if (string.IsNullOrEmpty(dagVersion))
                throw ApiError.Field("dagTarballVersion", "required", $"is required: deployment {deploymentId} has DAG deploys enabled and the deploy type is {type}");
            if (Store.Blobs(deployId).All(b => b.VersionId != dagVersion))
                throw ApiError.Field("dagTarballVersion", "invalid", $"no DAG tarball with version '{dagVersion}' was uploaded for deploy {deployId}");
        }
        else if (!string.IsNullOrEmpty(dagVersion))
            throw ApiError.Field("dagTarballVersion", "not_allowed", dagDeploys ? $"does not apply to {type} deploys" : $"deployment {deploymentId} does not have DAG deploys enabled");
        if (type == "BUNDLE" && dagDeploys)
        {
            if (string.IsNullOrEmpty(bundleVersion))
                throw ApiError.Field("bundleTarballVersion", "required", "is required for BUNDLE deploys");
            if (Store.Blobs(deployId).All(b => b.VersionId != bundleVersion))
                throw ApiError.Field("bundleTarballVersion", "invalid", $"no bundle with version '{bundleVersion}' was uploaded for deploy {deployId}");
        }
        // Image deploys: the image must have been pushed under the tag the deploy was given (§7.4 step 2).
        if (type is "IMAGE_ONLY" or "IMAGE_AND_DAG" && Str(deploy, "imageRepository") is { } repository && Str(deploy, "imageTag") is { } tag && !ImagePushed(repository, tag))
            throw ApiError.BadRequest($"image {repository}:{tag} was not pushed");

        var nowMs = NowMs;
        var done = After(nowMs, Timings.DeploySeconds);
        sim["finalized"] = nowMs;
        sim["deployedAt"] = done;
        if (!string.IsNullOrEmpty(dagVersion)) deploy["dagTarballVersion"] = dagVersion;
        if (deploy["bundles"] is JArray { Count: > 0 } bundles && !string.IsNullOrEmpty(bundleVersion))
        {
            bundles[0]["desiredVersion"] = bundleVersion;
            sim["bundleVersion"] = bundleVersion;
        }
        deploy["updatedAt"] = Stamp(nowMs);
        Store.Put(SimStore.Deploy, deployId, deploy);
        Roll(dep, deploy, done, nowMs);
        return RenderDeploy(deploy);
    }

    public JObject RollbackDeploy(string deploymentId, string deployId, JObject body)
    {
        var dep = FindDeployment(deploymentId);
        var target = FindDeploy(deploymentId, deployId);
        Validator.Require(body, Specs.RollbackDeploy);
        if (DeployStatus(target) != "DEPLOYED")
            throw ApiError.BadRequest($"deploy {deployId} is {DeployStatus(target)}; only a DEPLOYED deploy can be rolled back to");
        var current = Store.All(SimStore.Deploy)
            .Where(d => (string)d["deploymentId"]! == deploymentId && Ms(Sim(d), "finalized") is not null)
            .OrderByDescending(d => Ms(Sim(d), "finalized"))
            .First();
        if ((string)current["id"]! == deployId)
            throw ApiError.BadRequest($"deploy {deployId} is already the current deploy of deployment {deploymentId}");

        var id = Ids.NewId();
        var nowMs = NowMs;
        var now = Stamp(nowMs);
        var done = After(nowMs, Timings.DeploySeconds);
        var deploy = new JObject
        {
            ["id"] = id,
            ["deploymentId"] = deploymentId,
            ["type"] = target["type"],
            ["imageRepository"] = target["imageRepository"],
            ["imageTag"] = target["imageTag"],
            ["isDagDeployEnabled"] = target["isDagDeployEnabled"],
            ["createdAt"] = now,
            ["updatedAt"] = now,
            ["createdBySubject"] = Subject(),
            ["updatedBySubject"] = Subject(),
            ["description"] = Str(body, "description") ?? $"Rollback to deploy {deployId}",
            ["airflowVersion"] = target["airflowVersion"],
            ["astroRuntimeVersion"] = target["astroRuntimeVersion"],
            // The deploy this rollback moves away from (§5.6 rollbackFromId).
            ["rollbackFromId"] = current["id"],
            [Internal] = new JObject { ["created"] = nowMs, ["finalized"] = nowMs, ["deployedAt"] = done, ["rollbackTo"] = deployId },
        };
        CopyFields(target, deploy, "dagTarballVersion", "git", "bundleMountPath", "bundles");
        Store.Put(SimStore.Deploy, id, deploy);
        Roll(dep, deploy, done, nowMs);
        Log(dep, "scheduler", $"Rolled back to deploy {deployId}");
        return RenderDeploy(deploy);
    }

    /// <summary>Starts a deploy's roll-out on its deployment: DEPLOYING now, the new versions once <paramref name="done"/> passes.</summary>
    private void Roll(JObject dep, JObject deploy, long done, long nowMs)
    {
        var sim = Sim(dep);
        // A roll-out that already landed becomes the deployment's state before the next one starts.
        if (sim["pending"] is JObject landed && nowMs >= (long)landed["at"]!)
        {
            foreach (var f in new[] { "dagTarballVersion", "imageTag", "imageVersion" })
                if (landed[f] is { } v) dep[f] = v.DeepClone();
        }
        var type = (string)deploy["type"]!;
        var pending = new JObject
        {
            ["at"] = done,
            ["dagTarballVersion"] = Str(deploy, "dagTarballVersion") ?? Str(dep, "dagTarballVersion") ?? "",
        };
        if (type is "IMAGE_ONLY" or "IMAGE_AND_DAG")
        {
            pending["imageTag"] = deploy["imageTag"];
            pending["imageVersion"] = deploy["imageTag"];
        }
        sim["pending"] = pending;
        StartRollout(dep, nowMs, Timings.DeploySeconds);
        dep["updatedAt"] = Stamp(nowMs);
        Log(dep, "scheduler", $"Deploy {deploy["id"]} ({type}) finalized; rolling out");
        Store.Put(SimStore.Deployment, (string)dep["id"]!, dep);
    }

    private JObject FindDeploy(string deploymentId, string deployId)
    {
        FindDeployment(deploymentId);
        var deploy = Store.Get(SimStore.Deploy, deployId);
        return deploy is not null && (string)deploy["deploymentId"]! == deploymentId ? deploy : throw ApiError.NotFound("deploy", deployId);
    }

    public string DeployStatus(JObject deploy)
    {
        var sim = Sim(deploy);
        if (Str(sim, "forced") is { } forced) return forced;
        return Ms(sim, "deployedAt") is { } at && NowMs >= at ? "DEPLOYED" : "INITIALIZED";
    }

    private JObject RenderDeploy(JObject deploy)
    {
        var view = Public(deploy);
        var status = DeployStatus(deploy);
        view["status"] = status;
        if (status == "DEPLOYED" && view["bundles"] is JArray { Count: > 0 } bundles && Str(Sim(deploy), "bundleVersion") is { } version)
            bundles[0]["currentVersion"] = version;
        return view;
    }

    /// <summary>
    /// A PUT to a pre-signed upload URL, as Azure Blob storage takes it: it needs <c>x-ms-blob-type: BlockBlob</c> and
    /// answers 201 with the new blob version in <c>x-ms-version-id</c> (§7.4).
    /// </summary>
    public Blob PutBlob(string deployId, string? sig, string? blobType, byte[] data)
    {
        var deploy = Store.Get(SimStore.Deploy, deployId);
        if (deploy is null || sig is null || Str(Sim(deploy), "sig") != sig)
            throw new ApiError(403, "AuthenticationFailed: Server failed to authenticate the request. Make sure the signature is formed correctly.");
        if (!string.Equals(blobType, "BlockBlob", StringComparison.Ordinal))
            throw new ApiError(400, "MissingRequiredHeader: An HTTP header that's mandatory for this request is not specified: x-ms-blob-type: BlockBlob.");
        var ticks = Math.Max(Now.UtcTicks, _lastVersionTicks + 1);
        _lastVersionTicks = ticks;
        var version = new DateTime(ticks, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
        var blob = new Blob(deployId, version, data);
        Store.PutBlob(blob);
        return blob;
    }

    public Blob? GetBlob(string deployId, string? version) =>
        version is null ? Store.Blobs(deployId).LastOrDefault() : Store.Blobs(deployId).LastOrDefault(b => b.VersionId == version);
}
