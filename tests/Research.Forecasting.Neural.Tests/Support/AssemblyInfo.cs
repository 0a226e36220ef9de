// libtorch's random generator and thread count are process-wide: a test class creating modules (random initial
// weights) while another trains would change that training's draws. The tests here run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
