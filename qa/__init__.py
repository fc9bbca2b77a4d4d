"""minutes-kg: qa layer. The retrieval engine is `qa.retrieval.HybridIndex`; see its module docstring.

embedding (models), vector_index (FAISS + id map), lexical (bm25s), passages (turns and windows),
corpus (flat arrays for scoring), ranking (features, hits, selection), persist (atomic folders).
"""
