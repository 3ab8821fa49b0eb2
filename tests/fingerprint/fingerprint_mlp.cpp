// Fingerprints of the MLP lab: datasets, initial weights and loss curves for fixed seeds.
#include <cstdio>

#include "core/mlp/trainer.h"
#include "fingerprint.h"

namespace {

std::uint64_t HashMatrix(const Eigen::MatrixXd& m) {
    Fnv1a h;
    for (Eigen::Index k = 0; k < m.cols(); ++k)
        for (Eigen::Index i = 0; i < m.rows(); ++i) h.Add(m(i, k));
    return h.Value();
}

std::uint64_t HashWeights(const dendrites::mlp::Network& net) {
    Fnv1a h;
    for (int l = 0; l < net.NumWeightLayers(); ++l) {
        h.Add(HashMatrix(net.W(l)));
        h.Add(HashMatrix(net.B(l)));
    }
    return h.Value();
}

void PrintRun(const char* name, dendrites::mlp::TrainerConfig config, int epochs) {
    using namespace dendrites::mlp;
    Trainer trainer;
    if (auto e = trainer.Configure(config); !e.empty()) {
        std::printf("mlp %s error %s\n", name, e.c_str());
        return;
    }
    std::printf("mlp %s seed=%llu data=%016llx eval=%016llx init=%016llx\n", name,
                static_cast<unsigned long long>(config.seed),
                static_cast<unsigned long long>(HashMatrix(trainer.TrainData().x) ^
                                                HashMatrix(trainer.TrainData().y)),
                static_cast<unsigned long long>(HashMatrix(trainer.EvalData().x)),
                static_cast<unsigned long long>(HashWeights(trainer.Net())));
    Fnv1a curve;
    for (int e = 0; e < epochs; ++e) trainer.StepEpoch();
    for (const auto& rec : trainer.Epochs()) {
        curve.Add(rec.train_loss);
        curve.Add(rec.test_loss);
    }
    std::printf("mlp %s seed=%llu curve=%016llx weights=%016llx test_mse=%.17g\n", name,
                static_cast<unsigned long long>(config.seed),
                static_cast<unsigned long long>(curve.Value()),
                static_cast<unsigned long long>(HashWeights(trainer.Net())), trainer.TestLoss());
}

}  // namespace

void PrintMlpFingerprints() {
    using namespace dendrites::mlp;
    for (std::uint64_t seed : {1, 2, 3}) {
        TrainerConfig reference;  // the defaults are the reference experiment
        reference.seed = seed;
        PrintRun("reference", reference, 3);
    }
    TrainerConfig deep;
    deep.network.layers = {1, 16, 16, 16, 1};
    deep.network.hidden = Activation::Tanh;
    deep.optimizer.kind = OptimizerKind::Adam;
    deep.data.sampling = dendrites::logistic::Sampling::Uniform;
    deep.data.noise_std = 0.01;
    deep.data.samples = 2000;
    deep.seed = 7;
    PrintRun("tanh-adam", deep, 2);
    TrainerConfig relu = deep;
    relu.network.hidden = Activation::Relu;
    relu.optimizer.kind = OptimizerKind::Momentum;
    relu.optimizer.lr = 0.01;
    PrintRun("relu-momentum", relu, 2);
}
