using System.Text;

namespace CausalCart.Causal.Graphs;

/// <summary>
/// A term of an identification formula over graph node indices: a (conditional) probability, a product,
/// a sum over variables, or a quotient. Immutable; rendered by <see cref="Render"/>.
/// </summary>
internal abstract class ProbabilityExpression
{
    public static readonly ProbabilityExpression One = new Product([]);

    /// <summary>Free variables (those not bound by an enclosing sum).</summary>
    public abstract HashSet<int> Free();

    /// <summary>Text with node names; variables bound by a sum that shadow a treatment or an outer sum get primes.</summary>
    public string Render(CausalGraph g, bool[] treatments)
    {
        var names = new Dictionary<int, string>();
        var sb = new StringBuilder();
        Write(sb, g, names, treatments);
        return sb.Length == 0 ? "1" : sb.ToString();
    }

    internal abstract void Write(StringBuilder sb, CausalGraph g, Dictionary<int, string> names, bool[] treatments);

    internal static string Name(CausalGraph g, Dictionary<int, string> names, int v) => names.TryGetValue(v, out var s) ? s : g.Nodes[v];

    /// <summary>P(head | cond).</summary>
    internal sealed class Prob(int[] head, int[] cond) : ProbabilityExpression
    {
        public int[] Head { get; } = [.. head.Order()];

        public int[] Cond { get; } = [.. cond.Order()];

        public override HashSet<int> Free() => [.. Head, .. Cond];

        internal override void Write(StringBuilder sb, CausalGraph g, Dictionary<int, string> names, bool[] treatments)
        {
            sb.Append("P(").AppendJoin(",", Head.Select(v => Name(g, names, v)));
            if (Cond.Length > 0)
            {
                sb.Append('|').AppendJoin(",", Cond.Select(v => Name(g, names, v)));
            }

            sb.Append(')');
        }
    }

    internal sealed class Product(IReadOnlyList<ProbabilityExpression> factors) : ProbabilityExpression
    {
        public IReadOnlyList<ProbabilityExpression> Factors { get; } = factors;

        public override HashSet<int> Free() => [.. Factors.SelectMany(f => f.Free())];

        internal override void Write(StringBuilder sb, CausalGraph g, Dictionary<int, string> names, bool[] treatments)
        {
            for (int i = 0; i < Factors.Count; i++)
            {
                if (i > 0)
                {
                    sb.Append(' ');
                }

                bool wrap = (Factors[i] is Sum && i < Factors.Count - 1) || Factors[i] is Quotient;
                sb.Append(wrap ? "[" : "");
                Factors[i].Write(sb, g, names, treatments);
                sb.Append(wrap ? "]" : "");
            }
        }
    }

    internal sealed class Sum(int[] over, ProbabilityExpression body) : ProbabilityExpression
    {
        public int[] Over { get; } = [.. over.Order()];

        public ProbabilityExpression Body { get; } = body;

        public override HashSet<int> Free()
        {
            var f = Body.Free();
            f.ExceptWith(Over);
            return f;
        }

        internal override void Write(StringBuilder sb, CausalGraph g, Dictionary<int, string> names, bool[] treatments)
        {
            var inner = new Dictionary<int, string>(names);
            var taken = new HashSet<string>(names.Values);
            for (int i = 0; i < treatments.Length; i++)
            {
                if (treatments[i])
                {
                    taken.Add(g.Nodes[i]);
                }
            }

            foreach (int v in Over)
            {
                string s = g.Nodes[v];
                while (taken.Contains(s))
                {
                    s += "'";
                }

                inner[v] = s;
                taken.Add(s);
            }

            sb.Append("Σ_{").AppendJoin(",", Over.Select(v => inner[v])).Append("} ");
            Body.Write(sb, g, inner, treatments);
        }
    }

    internal sealed class Quotient(ProbabilityExpression numerator, ProbabilityExpression denominator) : ProbabilityExpression
    {
        public ProbabilityExpression Numerator { get; } = numerator;

        public ProbabilityExpression Denominator { get; } = denominator;

        public override HashSet<int> Free() => [.. Numerator.Free(), .. Denominator.Free()];

        internal override void Write(StringBuilder sb, CausalGraph g, Dictionary<int, string> names, bool[] treatments)
        {
            Numerator.Write(sb, g, names, treatments);
            sb.Append(" / ");
            bool wrap = Denominator is Product { Factors.Count: > 1 } or Sum;
            sb.Append(wrap ? "(" : "");
            Denominator.Write(sb, g, names, treatments);
            sb.Append(wrap ? ")" : "");
        }
    }

    /// <summary>Σ_over body, simplified: a sum over a variable that only one factor mentions, in its head,
    /// marginalises that factor (Σ_w P(w,a|c) = P(a|c)); factors free of the summed variables move out.</summary>
    public static ProbabilityExpression SumOf(IEnumerable<int> over, ProbabilityExpression body)
    {
        var w = new HashSet<int>(over);
        w.IntersectWith(body.Free());
        if (w.Count == 0)
        {
            return body;
        }

        if (body is Prob p)
        {
            if (w.IsSubsetOf(p.Head))
            {
                var head = p.Head.Where(v => !w.Contains(v)).ToArray();
                return head.Length == 0 ? One : new Prob(head, p.Cond);
            }

            return new Sum([.. w], body);
        }

        if (body is Sum s && !s.Over.Any(w.Contains))
        {
            return SumOf(w.Concat(s.Over), s.Body);
        }

        if (body is not Product prod)
        {
            return new Sum([.. w], body);
        }

        var factors = prod.Factors.ToList();
        bool changed = true;
        while (changed && w.Count > 0)
        {
            changed = false;
            foreach (int v in w.ToArray())
            {
                int count = 0, at = -1;
                for (int i = 0; i < factors.Count && count < 2; i++)
                {
                    if (factors[i].Free().Contains(v))
                    {
                        count++;
                        at = i;
                    }
                }

                if (count == 0)
                {
                    w.Remove(v);
                    changed = true;
                }
                else if (count == 1 && factors[at] is Prob f && f.Head.Contains(v))
                {
                    var head = f.Head.Where(h => h != v).ToArray();
                    if (head.Length == 0)
                    {
                        factors.RemoveAt(at);
                    }
                    else
                    {
                        factors[at] = new Prob(head, f.Cond);
                    }

                    w.Remove(v);
                    changed = true;
                }
            }
        }

        if (w.Count == 0)
        {
            return ProductOf(factors);
        }

        var outside = factors.Where(f => !f.Free().Overlaps(w)).ToList();
        var inside = factors.Where(f => f.Free().Overlaps(w)).ToList();
        var sum = new Sum([.. w], inside.Count == 1 ? inside[0] : new Product(inside));
        return ProductOf([.. outside, sum]);
    }

    /// <summary>A flattened product; one factor is returned as is, none as <see cref="One"/>.</summary>
    public static ProbabilityExpression ProductOf(IEnumerable<ProbabilityExpression> factors)
    {
        var list = new List<ProbabilityExpression>();
        foreach (var f in factors)
        {
            if (f is Product p)
            {
                list.AddRange(p.Factors);
            }
            else
            {
                list.Add(f);
            }
        }

        return list.Count == 1 ? list[0] : new Product(list);
    }

    /// <summary>numerator / denominator with identical probability factors cancelled.</summary>
    public static ProbabilityExpression QuotientOf(ProbabilityExpression numerator, ProbabilityExpression denominator)
    {
        var num = numerator is Product pn ? pn.Factors.ToList() : [numerator];
        var den = denominator is Product pd ? pd.Factors.ToList() : [denominator];
        for (int i = den.Count - 1; i >= 0; i--)
        {
            int j = num.FindIndex(f => SameProb(f, den[i]));
            if (j >= 0)
            {
                num.RemoveAt(j);
                den.RemoveAt(i);
            }
        }

        var n = ProductOf(num);
        return den.Count == 0 ? n : new Quotient(n, ProductOf(den));
    }

    private static bool SameProb(ProbabilityExpression a, ProbabilityExpression b) =>
        a is Prob pa && b is Prob pb && pa.Head.SequenceEqual(pb.Head) && pa.Cond.SequenceEqual(pb.Cond);
}
