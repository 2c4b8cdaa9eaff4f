package dev.layerbench.bench;

import dev.layerbench.model.Activation;
import dev.layerbench.model.DenseLayer;
import dev.layerbench.model.Loss;
import dev.layerbench.model.Network;
import dev.layerbench.model.NetworkSpec;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/**
 * The same network built the way a DL4J user would: DenseLayer + OutputLayer in a MultiLayerNetwork, with
 * layerbench's parameters copied in, so tests can compare gradients and benchmarks can compare speed.
 */
public final class Dl4jNetworks {
    private Dl4jNetworks() {
    }

    /** A MultiLayerNetwork with {@code ours}' shape and current parameters, trained by plain SGD at {@code lr}. */
    public static MultiLayerNetwork copyOf(Network ours, double learningRate) {
        NetworkSpec spec = ours.spec();
        boolean binary = spec.loss() == Loss.SIGMOID_BINARY_CROSS_ENTROPY;
        NeuralNetConfiguration.ListBuilder layers = new NeuralNetConfiguration.Builder()
                .dataType(spec.dtype().nd4j()).updater(new Sgd(learningRate)).list();
        int outputInputs = spec.inputs();
        if (spec.hidden() > 0) {
            layers.layer(new org.deeplearning4j.nn.conf.layers.DenseLayer.Builder().nIn(spec.inputs())
                    .nOut(spec.hidden()).activation(activation(spec.activation())).build());
            outputInputs = spec.hidden();
        }
        layers.layer(new OutputLayer.Builder(binary ? new LossBinaryXENT() : new LossMCXENT())
                .nIn(outputInputs).nOut(spec.outputs())
                .activation(binary ? new ActivationSigmoid() : new ActivationSoftmax()).build());
        MultiLayerNetwork net = new MultiLayerNetwork(layers.build());
        net.init();
        for (int i = 0; i < ours.layers().size(); i++) {
            DenseLayer layer = ours.layers().get(i);
            net.getLayer(i).setParam("W", layer.weights().dup());
            net.getLayer(i).setParam("b", layer.bias().dup());
        }
        return net;
    }

    private static IActivation activation(Activation activation) {
        return switch (activation) {
            case IDENTITY -> new ActivationIdentity();
            case SIGMOID -> new ActivationSigmoid();
            case TANH -> new ActivationTanH();
            case RELU -> new ActivationReLU();
        };
    }
}
