#!/usr/bin/env bash
# background training of the MNIST reference energy control (resumable)
cd /work/train
export OPENBLAS_NUM_THREADS=1 SCORESCOPE_THREADS=2 OMP_WAIT_POLICY=PASSIVE
J="java -Dorg.bytedeco.javacpp.maxphysicalbytes=0 -jar /work/train/scorescope-train3.jar"
if [ -f mnist-control/model.safetensors ]; then
  $J train --resume --out mnist-control
else
  $J train --data mnist:dir=/work/fulldata/mnist --arch unet --hidden 32 --model energy --param edm --noise lognormal --batch 64 --lr 1e-3 --steps 10000 --checkpoint-every 250 --seed 0 --out mnist-control
fi
