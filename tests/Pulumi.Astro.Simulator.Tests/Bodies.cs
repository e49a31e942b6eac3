using Newtonsoft.Json.Linq;

namespace Pulumi.Astro.Simulator.Tests;

/// <summary>Valid request bodies, and a small path language to break them one rule at a time.</summary>
public static class Bodies
{
    public static JObject AwsCluster(string name = "primary") => new()
    {
        ["cloudProvider"] = "AWS",
        ["type"] = "DEDICATED",
        ["name"] = name,
        ["region"] = "us-east-1",
        ["vpcSubnetRange"] = "172.20.0.0/22",
    };

    public static JObject GcpCluster() => new()
    {
        ["cloudProvider"] = "GCP",
        ["type"] = "DEDICATED",
        ["name"] = "gcp",
        ["region"] = "us-central1",
        ["vpcSubnetRange"] = "172.20.0.0/22",
        ["podSubnetRange"] = "172.21.0.0/19",
        ["serviceSubnetRange"] = "172.22.0.0/22",
        ["servicePeeringRange"] = "172.23.0.0/20",
    };

    public static JObject AzureCluster() => new()
    {
        ["cloudProvider"] = "AZURE",
        ["type"] = "DEDICATED",
        ["name"] = "azure",
        ["region"] = "eastus2",
        ["vpcSubnetRange"] = "172.20.0.0/19",
        ["tenantId"] = "tenant-1",
    };

    public static JObject DefaultQueue() => new()
    {
        ["name"] = "default",
        ["isDefault"] = true,
        ["astroMachine"] = "A5",
        ["minWorkerCount"] = 0,
        ["maxWorkerCount"] = 10,
        ["workerConcurrency"] = 5,
    };

    public static JObject Standard(string workspaceId, string name = "standard") => new()
    {
        ["type"] = "STANDARD",
        ["name"] = name,
        ["workspaceId"] = workspaceId,
        ["cloudProvider"] = "AWS",
        ["region"] = "us-east-1",
        ["executor"] = "CELERY",
        ["schedulerSize"] = "SMALL",
        ["isHighAvailability"] = false,
        ["isDevelopmentMode"] = false,
        ["defaultTaskPodCpu"] = "0.5",
        ["defaultTaskPodMemory"] = "1Gi",
        ["resourceQuotaCpu"] = "10",
        ["resourceQuotaMemory"] = "20Gi",
        ["workerQueues"] = new JArray(DefaultQueue()),
        ["environmentVariables"] = new JArray(
            new JObject { ["key"] = "PLAIN", ["value"] = "visible", ["isSecret"] = false },
            new JObject { ["key"] = "SECRET", ["value"] = "s3cr3t", ["isSecret"] = true }),
    };

    public static JObject Dedicated(string workspaceId, string clusterId)
    {
        var body = Standard(workspaceId, "dedicated");
        body["type"] = "DEDICATED";
        body.Remove("cloudProvider");
        body.Remove("region");
        body["clusterId"] = clusterId;
        return body;
    }

    public static JObject Hybrid(string workspaceId, string clusterId, string nodePoolId) => new()
    {
        ["type"] = "HYBRID",
        ["name"] = "hybrid",
        ["workspaceId"] = workspaceId,
        ["clusterId"] = clusterId,
        ["executor"] = "CELERY",
        ["scheduler"] = new JObject { ["au"] = 5, ["replicas"] = 1 },
        ["workerQueues"] = new JArray(new JObject
        {
            ["name"] = "default", ["isDefault"] = true, ["nodePoolId"] = nodePoolId,
            ["minWorkerCount"] = 0, ["maxWorkerCount"] = 10, ["workerConcurrency"] = 5,
        }),
    };

    public static JObject HybridCluster() => new()
    {
        ["cloudProvider"] = "AWS",
        ["type"] = "HYBRID",
        ["name"] = "hybrid",
        ["region"] = "us-west-2",
        ["vpcSubnetRange"] = "10.0.0.0/16",
        ["providerAccount"] = "123456789012",
        ["dbInstanceType"] = "db.t3.medium",
    };

    /// <summary>
    /// The update body that re-sends a deployment as it is: every required field of its variant (§4.2), queues with
    /// their ids, and secret variables without values.
    /// </summary>
    public static JObject UpdateOf(JObject deployment)
    {
        var type = (string)deployment["type"]!;
        var body = new JObject
        {
            ["type"] = type,
            ["name"] = deployment["name"],
            ["workspaceId"] = deployment["workspaceId"],
            ["executor"] = deployment["executor"],
            ["isCicdEnforced"] = deployment["isCicdEnforced"],
            ["isDagDeployEnabled"] = deployment["isDagDeployEnabled"],
            ["environmentVariables"] = new JArray(deployment["environmentVariables"]!.Select(v =>
            {
                var o = new JObject { ["key"] = v["key"], ["isSecret"] = v["isSecret"] };
                if (v["value"] is { } value) o["value"] = value;
                return o;
            })),
            ["workerQueues"] = new JArray(deployment["workerQueues"]!.Select(q =>
            {
                var o = new JObject
                {
                    ["id"] = q["id"], ["name"] = q["name"], ["isDefault"] = q["isDefault"],
                    ["minWorkerCount"] = q["minWorkerCount"], ["maxWorkerCount"] = q["maxWorkerCount"], ["workerConcurrency"] = q["workerConcurrency"],
                };
                if (q["astroMachine"] is { } m) o["astroMachine"] = m;
                if (q["nodePoolId"] is { } n) o["nodePoolId"] = n;
                return o;
            })),
        };
        if (type == "HYBRID")
            body["scheduler"] = new JObject { ["au"] = deployment["schedulerAu"], ["replicas"] = deployment["schedulerReplicas"] };
        else
        {
            foreach (var f in new[] { "isHighAvailability", "schedulerSize", "isDevelopmentMode", "defaultTaskPodCpu", "defaultTaskPodMemory", "resourceQuotaCpu", "resourceQuotaMemory" })
                if (deployment[f] is { } v) body[f] = v;
        }
        return body;
    }

    /// <summary>
    /// Applies a change like <c>workerQueues[0].astroMachine=A7</c> (JSON value, or a bare string) or
    /// <c>-defaultTaskPodCpu</c> (remove) to a copy of the body.
    /// </summary>
    public static JObject Change(JObject body, string change)
    {
        var copy = (JObject)body.DeepClone();
        var remove = change.StartsWith('-');
        var eq = change.IndexOf('=');
        var path = remove ? change[1..] : change[..eq];
        JToken? value = null;
        if (!remove)
        {
            var raw = change[(eq + 1)..];
            try { value = JToken.Parse(raw); }
            catch (Newtonsoft.Json.JsonException) { value = raw; }
        }
        var parts = path.Split('.');
        JToken parent = copy;
        for (var i = 0; i < parts.Length - 1; i++) parent = Step(parent, parts[i], create: true);
        var last = parts[^1];
        var bracket = last.IndexOf('[');
        if (bracket >= 0)
        {
            var array = (JArray)Step(parent, last[..bracket], create: false);
            var index = int.Parse(last[(bracket + 1)..^1]);
            if (remove) array.RemoveAt(index);
            else if (index == array.Count) array.Add(value!);
            else array[index] = value!;
        }
        else if (remove) ((JObject)parent).Remove(last);
        else parent[last] = value;
        return copy;
    }

    private static JToken Step(JToken token, string part, bool create)
    {
        var bracket = part.IndexOf('[');
        if (bracket < 0)
        {
            if (token[part] is null && create) token[part] = new JObject();
            return token[part]!;
        }
        var array = token[part[..bracket]]!;
        return array[int.Parse(part[(bracket + 1)..^1])]!;
    }
}
