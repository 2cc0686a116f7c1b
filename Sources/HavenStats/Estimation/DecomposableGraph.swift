/// An undirected graph on the lists whose every cycle of four or more has a chord: a
/// decomposable graphical model. Its cliques and separators factor the probability of a capture
/// history into marginal tables, which is what makes the marginal likelihood of Madigan and
/// York (1997) a closed form. Lists joined by an edge may depend on each other.
public struct DecomposableGraph: Sendable, Hashable {
    /// The number of lists.
    public let lists: Int
    /// The edges.
    public let edges: [LogLinearModel.Pair]
    /// The maximal cliques, as bit masks of lists.
    public let cliques: [Int]
    /// The non-empty separators of a junction tree of the cliques, as bit masks (a list of
    /// masks: one may repeat).
    public let separators: [Int]

    /// Every decomposable graph on `lists` lists (8 on three, 61 on four, 822 on five).
    public static func all(lists: Int) -> [DecomposableGraph] {
        let pairs = LogLinearModel.allPairs(lists: lists)
        return (0..<(1 << pairs.count)).compactMap { mask in
            DecomposableGraph(lists: lists, edges: pairs.indices.filter { mask & (1 << $0) != 0 }.map { pairs[$0] })
        }
    }

    /// The graph with these edges, or nil when it is not decomposable.
    public init?(lists: Int, edges: [LogLinearModel.Pair]) {
        var neighbours = [Int](repeating: 0, count: lists)
        for edge in edges {
            neighbours[edge.first] |= 1 << edge.second
            neighbours[edge.second] |= 1 << edge.first
        }
        // Maximum cardinality search (Tarjan and Yannakakis 1984): number the vertices, each
        // time the one with most numbered neighbours. The graph is chordal exactly when each
        // vertex's earlier-numbered neighbours are all adjacent to one another; each vertex
        // with them is then a clique candidate.
        var numbered = 0
        var candidates: [Int] = []
        for _ in 0..<lists {
            let next = (0..<lists).filter { numbered & (1 << $0) == 0 }
                .max { (neighbours[$0] & numbered).nonzeroBitCount < (neighbours[$1] & numbered).nonzeroBitCount
                    || ((neighbours[$0] & numbered).nonzeroBitCount == (neighbours[$1] & numbered).nonzeroBitCount && $0 > $1) }!
            let earlier = neighbours[next] & numbered
            var rest = earlier
            while rest != 0 {
                let v = rest.trailingZeroBitCount
                if earlier & ~(1 << v) & ~neighbours[v] != 0 { return nil }
                rest &= rest - 1
            }
            candidates.append(earlier | 1 << next)
            numbered |= 1 << next
        }
        let cliques = candidates.enumerated().filter { index, clique in
            !candidates.enumerated().contains { other, bigger in other != index && bigger & clique == clique && (bigger != clique || other < index) }
        }.map(\.element).sorted()
        // A junction tree is a maximum-weight spanning tree of the cliques, weighted by the
        // size of their intersections (Prim's algorithm); its edges' intersections are the
        // separators, empty ones (between unconnected parts) left out.
        var separators: [Int] = []
        var inTree = [0]
        var outside = Array(cliques.indices.dropFirst())
        while !outside.isEmpty {
            var best: (from: Int, to: Int, weight: Int)?
            for a in inTree {
                for b in outside {
                    let weight = (cliques[a] & cliques[b]).nonzeroBitCount
                    if best == nil || weight > best!.weight { best = (a, b, weight) }
                }
            }
            let edge = best!
            if edge.weight > 0 { separators.append(cliques[edge.from] & cliques[edge.to]) }
            inTree.append(edge.to)
            outside.removeAll { $0 == edge.to }
        }
        self.lists = lists
        self.edges = edges.sorted()
        self.cliques = cliques
        self.separators = separators.sorted()
    }

    /// The graph by its cliques in list names, such as "[B D][M]".
    public func name(lists names: [String]) -> String {
        cliques.map { clique in "[" + (0..<lists).filter { clique & (1 << $0) != 0 }.map { names[$0] }.joined(separator: " ") + "]" }.joined()
    }
}
